package io.mmsguard.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Apicurio Registry server distribution ({@code io.apicurio:apicurio-registry-app:3.0.9:tar.gz:all},
 * fetched by the Maven build) and unpacks it once into a cache directory.
 *
 * <p>Where the archive is looked for, first match wins: system property {@code mmsguard.apicurio.dist},
 * environment variable {@code MMSGUARD_APICURIO_DIST}, then the local Maven repository
 * ({@code maven.repo.local} or {@code ~/.m2/repository}). The cache is {@code mmsguard.cache.dir} /
 * {@code MMSGUARD_CACHE_DIR}, default {@code ~/.cache/mmsguard}.
 */
public final class ApicurioDistribution {
    public static final String VERSION = "3.0.9";
    private static final Logger log = LoggerFactory.getLogger(ApicurioDistribution.class);
    private static final String ARCHIVE_NAME = "apicurio-registry-app-" + VERSION + "-all.tar.gz";
    private static final String RUNNER_JAR = "apicurio-registry-app-" + VERSION + "-runner.jar";

    private ApicurioDistribution() {
    }

    /** The runner jar of the unpacked distribution, unpacking it first if needed. */
    public static Path runnerJar() {
        Path archive = locateArchive();
        Path target = cacheDir().resolve("apicurio-registry-app-" + VERSION);
        Path jar = target.resolve(RUNNER_JAR);
        if (!Files.isRegularFile(jar)) {
            unpack(archive, target);
        }
        return jar;
    }

    static Path locateArchive() {
        Optional<Path> configured = setting("mmsguard.apicurio.dist", "MMSGUARD_APICURIO_DIST").map(Paths::get);
        Path archive = configured.orElseGet(() -> localMavenRepository()
                .resolve("io/apicurio/apicurio-registry-app/" + VERSION + "/" + ARCHIVE_NAME));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Apicurio Registry distribution not found at " + archive
                    + ". Build the project once with ./mvnw (the test-kit module fetches it), or set"
                    + " MMSGUARD_APICURIO_DIST to the path of " + ARCHIVE_NAME + ".");
        }
        return archive;
    }

    private static Path localMavenRepository() {
        return setting("maven.repo.local", "MAVEN_REPO_LOCAL").map(Paths::get)
                .orElseGet(() -> Paths.get(System.getProperty("user.home"), ".m2", "repository"));
    }

    private static Path cacheDir() {
        return setting("mmsguard.cache.dir", "MMSGUARD_CACHE_DIR").map(Paths::get)
                .orElseGet(() -> Paths.get(System.getProperty("user.home"), ".cache", "mmsguard"));
    }

    private static Optional<String> setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /*
     * Unpacks into a private sibling directory, then renames it into place, so that concurrent test JVMs never
     * see a half-written distribution.
     */
    static void unpack(Path archive, Path target) {
        long t0 = System.nanoTime();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(archive));
                 TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = tmp.resolve(entry.getName()).normalize();
                    if (!out.startsWith(tmp)) {
                        throw new IOException("archive entry escapes the target directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isFile()) {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                if (!Files.isRegularFile(target.resolve(RUNNER_JAR))) {
                    throw e;
                }
            }
            log.info("unpacked {} into {} in {} ms", archive.getFileName(), target, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + archive + " into " + target, e);
        } finally {
            deleteRecursively(tmp);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not remove {}: {}", dir, e.toString());
        }
    }
}
