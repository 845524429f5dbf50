package io.mmsguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM that we started, and therefore may stop: by its own PID only, never by name. Output goes to a
 * log file whose tail is quoted when the child fails. A shutdown hook stops it if this JVM exits first, so an
 * interrupted test run leaves no broker or registry behind. {@link #exec} runs any other program (Prometheus,
 * promtool) under the same rules.
 */
public final class JavaProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JavaProcess.class);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread reaper;

    private JavaProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        // SIGTERM first: a registry with a file database should get the chance to close it.
        this.reaper = new Thread(() -> stop(Duration.ofSeconds(10)), "reap-" + name);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts {@code java <jvmArgs> <launch...>} with the JDK running this JVM.
     *
     * @param launch e.g. {@code ["-cp", cp, "kafka.Kafka", "node.properties"]} or {@code ["-jar", jar]}
     */
    public static JavaProcess start(String name, List<String> jvmArgs, List<String> launch, Path workDir, Path logFile) {
        return start(name, jvmArgs, launch, workDir, logFile, Map.of());
    }

    /**
     * As {@link #start(String, List, List, Path, Path)}, with {@code environment} added to (or replacing in) this
     * JVM's environment: for a child run under a fault of its own, e.g. a clock set off by libfaketime.
     */
    public static JavaProcess start(String name, List<String> jvmArgs, List<String> launch, Path workDir, Path logFile,
                                    Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmArgs);
        command.addAll(launch);
        return exec(name, command, workDir, logFile, environment);
    }

    /** Starts {@code command} (an executable and its arguments), not necessarily a JVM. */
    public static JavaProcess exec(String name, List<String> command, Path workDir, Path logFile,
                                   Map<String, String> environment) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process p = builder
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()))
                    .start();
            log.info("started {} as PID {} (log {}){}", name, p.pid(), logFile,
                    // Names only: the environment carries credentials (a Kafka JAAS configuration).
                    environment.isEmpty() ? "" : " with " + environment.keySet());
            return new JavaProcess(name, p, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGKILL, as {@code kill -9 PID}: the child gets no chance to clean up. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        log.info("killed {} (PID {})", name, pid());
    }

    /** SIGTERM, then SIGKILL if the child has not exited within {@code grace}. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(grace)) {
            log.warn("{} (PID {}) ignored SIGTERM for {}; killing it", name, pid(), grace);
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    /**
     * Waits for the child to exit by itself (a one-shot command) and returns its exit code.
     *
     * @throws IllegalStateException when it is still running after {@code hangGuard}; it is then killed
     */
    public int exitCode(Duration hangGuard) {
        if (!awaitExit(hangGuard)) {
            kill();
            throw new IllegalStateException(name + " (PID " + pid() + ") still running after " + hangGuard
                    + "; killed:\n" + logTail(40));
        }
        return process.exitValue();
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last {@code lines} lines of the child's output, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway; nothing to undo.
        }
    }

    @Override
    public String toString() {
        return name + " (PID " + pid() + ")";
    }
}
