package io.mmsguard.harness.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release an upgrade starts from: a pinned commit of the repository this checkout belongs to, exported with
 * {@code git archive} and built from its own sources with its own Maven wrapper, as its release was
 * ({@code ./mvnw -B -q -DskipTests -pl embedded -am package}); the result, {@code embedded/target/mmsguard-embedded.jar}
 * with its {@code lib/}, is the launcher classpath of every service of that release. Built once per commit under
 * {@code target/previous-release/<commit>/} and reused while that jar exists ({@code mvn clean} removes it).
 *
 * <p>A clone without the commit (a shallow one: {@code git fetch --unshallow}) or a copy that is no git checkout
 * skips the test that needs it, naming the commit.
 */
final class PreviousRelease {
    private static final Logger LOG = LoggerFactory.getLogger(PreviousRelease.class);

    /**
     * The previous release: main at 8982599, the last commit CI accepted before issue 16's work (there are no tags).
     * At a release, move it to the commit of the release before the new one (the last main commit CI accepted before
     * the new release's work started), so that the upgrade test always starts from the data of the release operators
     * run; docs/reliability.md, "Upgrade", names it too.
     */
    static final String COMMIT = "8982599d3f2082bc216795016c7ecd60353426f6";
    private static final String JAR = "embedded/target/mmsguard-embedded.jar";
    private static final Duration GIT_GUARD = Duration.ofMinutes(2);
    private static final Duration BUILD_GUARD = Duration.ofMinutes(30);

    /**
     * @param jar        the launcher jar, the release's classpath (its manifest names {@code lib/})
     * @param buildTook  how long the build took, zero when the jar was there already
     */
    record Built(String commit, Path jar, Duration buildTook) {
        String classpath() {
            return jar.toString();
        }

        boolean cached() {
            return buildTook.isZero();
        }
    }

    private PreviousRelease() {
    }

    /** The release of {@link #COMMIT} built under {@code cacheRoot}; aborts the test when the commit is not here. */
    static Built obtain(Path cacheRoot) {
        // Surefire's working directory is the module's, inside the work tree.
        Path here = Path.of("").toAbsolutePath();
        String root = output(List.of("git", "rev-parse", "--show-toplevel"), here);
        Assumptions.assumeTrue(root != null, "the previous release, commit " + COMMIT + ", comes from the git"
                + " repository of this checkout, and " + here + " is in none");
        Assumptions.assumeTrue(output(List.of("git", "-C", root, "cat-file", "-e", COMMIT + "^{commit}"), here)
                != null, "the previous release, commit " + COMMIT + ", is not in the repository at " + root
                + " (a shallow clone? git fetch --unshallow)");
        Path dir = cacheRoot.resolve(COMMIT).toAbsolutePath();
        Path jar = dir.resolve(JAR);
        if (Files.isRegularFile(jar)) {
            LOG.info("previous release {}: built already, {}", COMMIT, jar);
            return new Built(COMMIT, jar, Duration.ZERO);
        }
        long t0 = System.nanoTime();
        extract(Path.of(root), dir);
        build(dir, dir.resolveSibling(COMMIT + "-build.log"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the build of " + COMMIT + " left no " + jar);
        }
        LOG.info("previous release {}: extracted and built in {} s, {}", COMMIT, took.toSeconds(), jar);
        return new Built(COMMIT, jar, took);
    }

    /** A short command's output, or null when it exits with another code than 0. */
    private static String output(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(GIT_GUARD.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " still running after " + GIT_GUARD);
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null; // no git: the same as no repository
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** {@code git archive} of the commit into {@code dir}, anything of an interrupted earlier attempt removed first. */
    private static void extract(Path root, Path dir) {
        delete(dir);
        Path tar = dir.resolveSibling(COMMIT + ".tar");
        try {
            Files.createDirectories(dir);
            Path log = dir.resolveSibling(COMMIT + "-archive.log");
            require(exec(List.of("git", "-C", root.toString(), "archive", "--format=tar", "-o", tar.toString(),
                    COMMIT), dir, log, GIT_GUARD) == 0, "git archive " + COMMIT, log);
            require(exec(List.of("tar", "-xf", tar.toString(), "-C", dir.toString()), dir, log, GIT_GUARD) == 0,
                    "tar -xf " + tar, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + COMMIT + " into " + dir, e);
        } finally {
            delete(tar);
        }
    }

    /**
     * The release's own build command, on this run's local repository (Surefire passes it as
     * {@code mmsguard.maven.repo.local}): offline first, since the previous release needs few artifacts that this
     * build has not fetched already, and online only if that fails (CI reaches Maven Central; an offline machine
     * fails there with Maven's message about the missing artifact).
     */
    private static void build(Path dir, Path log) {
        List<String> mvn = new ArrayList<>(List.of("./mvnw", "-B", "-q", "-DskipTests", "-pl", "embedded", "-am",
                "package"));
        String repo = System.getProperty("mmsguard.maven.repo.local", "");
        if (!repo.isBlank()) {
            mvn.add("-Dmaven.repo.local=" + repo);
        }
        List<String> offline = new ArrayList<>(mvn);
        offline.add("-o");
        LOG.info("previous release {}: {} in {} (log {})", COMMIT, String.join(" ", offline), dir, log);
        if (exec(offline, dir, log, BUILD_GUARD) == 0) {
            return;
        }
        LOG.info("previous release {}: the offline build failed (log {}); building online", COMMIT, log);
        require(exec(mvn, dir, log, BUILD_GUARD) == 0, String.join(" ", mvn) + " in " + dir, log);
    }

    /** Runs a command to its end with its output to {@code log}, killed (with its children) past the guard. */
    private static int exec(List<String> command, Path dir, Path log, Duration guard) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The surrounding Maven run's project directory must not leak into the nested build's.
        pb.environment().remove("MAVEN_PROJECTBASEDIR");
        pb.environment().remove("MAVEN_BASEDIR");
        try {
            Process p = pb.start();
            if (!p.waitFor(guard.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " still running after " + guard
                        + "; killed");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static void require(boolean ok, String what, Path log) {
        if (!ok) {
            String out = read(log);
            throw new IllegalStateException(what + " failed; " + log + ":\n"
                    + out.substring(Math.max(0, out.length() - 4000)));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
