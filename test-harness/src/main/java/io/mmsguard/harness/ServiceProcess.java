package io.mmsguard.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import io.mmsguard.testkit.JavaProcess;
import io.mmsguard.testkit.ProcessSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mmsguard service as a child JVM: {@code mmsguard streams|gateway|notifier --config FILE} through the
 * launcher's main class, on a release's classpath ({@link Launcher}; {@link #restartOn} moves it to another, as a
 * rolling upgrade does), with stdout and stderr appended to {@code <name>.log} in its
 * directory (kept across restarts, so a post-mortem reads every incarnation). Ready means {@code /health/ready}
 * answered 200 on its admin port.
 */
public final class ServiceProcess implements ManagedProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
    /** Small heaps and C1 only: several services share two cores in CI, and start-up dominates a test's time. */
    private static final List<String> JVM_ARGS = List.of("-Xms32m", "-Xmx320m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.showDateTime=true");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String PROBE_TIMEOUT_MS = "60000";

    /** The launcher's subcommand of each service. */
    public enum Kind {
        INSPECTION("streams"), GATEWAY("gateway"), NOTIFIER("notifier");

        private final String command;

        Kind(String command) {
            this.command = command;
        }

        public String command() {
            return command;
        }
    }

    private final String name;
    private final Kind kind;
    private final Path config;
    private final Path dir;
    private final int adminPort;
    private final Duration readyWithin;
    private final AdminHttp admin;
    private String classpath;
    private JavaProcess process;
    /** The configuration file's keys on this build's release, written when {@link #restartOn} moves it there. */
    private final Map<String, String> settingsOnThisRelease;
    /** Added to every incarnation's environment: the service's Kafka credential on a secured deployment. */
    private final Map<String, String> environment;

    /** An answer of the admin port: the HTTP status (-1: nothing listens) and the body. */
    public record AdminReply(int status, String body) {
    }

    ServiceProcess(String name, Kind kind, Path config, Path dir, int adminPort, AdminToken token,
                   Duration readyWithin, String classpath, Map<String, String> environment,
                   Map<String, String> settingsOnThisRelease) {
        this.environment = Map.copyOf(environment);
        this.settingsOnThisRelease = new java.util.LinkedHashMap<>(settingsOnThisRelease);
        this.name = name;
        this.kind = kind;
        this.config = config;
        this.dir = dir;
        this.adminPort = adminPort;
        this.readyWithin = readyWithin;
        this.admin = new AdminHttp(adminPort, token);
        this.classpath = classpath;
    }

    /** Starts the JVM; {@link #awaitReady()} waits for it. */
    synchronized void start() {
        start(Map.of());
    }

    /** Starts the JVM with {@code environment} added to the test JVM's, for this incarnation only. */
    private synchronized void start(Map<String, String> extra) {
        Map<String, String> environment = new java.util.HashMap<>(this.environment);
        environment.putAll(extra);
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running as PID " + process.pid());
        }
        if (process != null) {
            process.close(); // dead already: only unregisters its shutdown hook
        }
        // The launcher probes Kafka and the registry for 10 s by default; on a loaded CI machine the first
        // describeCluster of a JVM that is still warming up can take longer than that.
        process = JavaProcess.start(name, JVM_ARGS, Launcher.command(classpath, launcherArguments()), dir, logFile(),
                environment);
    }

    /**
     * What follows {@code mmsguard} on its command line: {@code streams|gateway|notifier --config FILE} and the
     * probe timeout. The container tier gives the image the same.
     */
    public List<String> launcherArguments() {
        return List.of(kind.command(), "--config", config.toString(), "--probe-timeout-ms", PROBE_TIMEOUT_MS);
    }

    /** The JVM options of every incarnation: small heaps and C1 only. */
    public List<String> jvmOptions() {
        return JVM_ARGS;
    }

    /** The environment added to every incarnation's (the Kafka credential on a secured deployment). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Waits until {@code /health/ready} answers 200; fails at once, with the log's tail, if the JVM exits. */
    public void awaitReady() {
        long t0 = System.nanoTime();
        long deadline = t0 + readyWithin.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            JavaProcess p = current();
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited before it was ready; " + logFile() + ":\n"
                        + p.logTail(60));
            }
            try {
                last = readiness().status();
                if (last == 200) {
                    LOG.info("{} ready in {} ms (PID {})", name, (System.nanoTime() - t0) / 1_000_000, p.pid());
                    return;
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + readyWithin + " (last /health/ready status "
                + last + "); " + logFile() + ":\n" + current().logTail(60));
    }

    /**
     * {@code GET /health/ready} now: 200, or 503 with {@code not ready} and a line {@code condition: why} per failing
     * condition (docs/architecture.md, "Readiness and liveness"); -1 while nothing listens.
     */
    public AdminReply readiness() {
        return admin.get("/health/ready");
    }

    /** The value of the series {@code name} in {@code /metrics} (Prometheus names, e.g. {@code _seconds}). */
    public OptionalDouble gauge(String name) {
        return admin.gauge(name);
    }

    @Override
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The YAML file it was started from. */
    public Path config() {
        return config;
    }

    /** stdout and stderr of every incarnation. */
    public Path logFile() {
        return dir.resolve(name + ".log");
    }

    /** The admin HTTP port: {@code /metrics}, {@code /health/live}, {@code /health/ready}. */
    public int adminPort() {
        return adminPort;
    }

    @Override
    public synchronized long pid() {
        return current().pid();
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void kill() {
        JavaProcess p = current();
        p.kill();
        requireGone(p, "SIGKILL");
    }

    @Override
    public synchronized void stop() {
        JavaProcess p = current();
        // SIGTERM stays pending while a process is stopped; it must run to shut down cleanly.
        if (ProcessSignals.isPaused(p.pid())) {
            ProcessSignals.resume(p.pid());
        }
        p.stop(STOP_GRACE);
        requireGone(p, "SIGTERM");
    }

    @Override
    public synchronized void pause() {
        ProcessSignals.pause(current().pid());
    }

    @Override
    public synchronized void resume() {
        ProcessSignals.resume(current().pid());
    }

    @Override
    public void restart() {
        relaunch(Map.of());
        awaitReady();
    }

    /**
     * Stops it if it runs (SIGTERM) and starts it again on the same configuration with {@code environment} added,
     * for this incarnation only (the next {@link #restart()} starts without it), e.g. {@code Faketime}'s. Returns once
     * started, without waiting for readiness: a process started under a fault of its own may never be ready, and
     * the caller awaits what it expects ({@link #awaitReady()} or {@link #readiness()}).
     */
    public synchronized void relaunch(Map<String, String> environment) {
        if (isRunning()) {
            stop();
        }
        start(environment);
    }

    /**
     * An operator's rollout step: SIGTERM (and the wait for the clean shutdown), then the release on
     * {@code releaseClasspath} started with the same configuration file, ports and data directories, awaited ready;
     * moving to this build, the file gains the keys this release requires (the operator's change with the upgrade).
     * Later restarts keep that release.
     */
    public void restartOn(String releaseClasspath) {
        synchronized (this) {
            if (isRunning()) {
                stop();
            }
            classpath = releaseClasspath;
            if (releaseClasspath.equals(Launcher.currentRelease())) {
                ServiceYaml.write(config, settingsOnThisRelease);
            }
            start();
        }
        awaitReady();
    }

    /**
     * The classpath the live process was started on, read from its command line as the kernel keeps it
     * ({@code /proc/<pid>/cmdline}; {@code ProcessHandle.Info} gives no arguments for a command line as long as this
     * build's classpath): which release really runs, whatever this object was told.
     */
    public synchronized String runningClasspath() {
        long pid = current().pid();
        List<String> args;
        try {
            args = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8)
                    .split("\0"));
        } catch (IOException e) {
            throw new UncheckedIOException(name + " (PID " + pid + "): no command line", e);
        }
        int cp = args.indexOf("-cp");
        if (cp < 0 || cp == args.size() - 1) {
            throw new IllegalStateException(name + " (PID " + pid + ") runs without -cp: " + args);
        }
        return args.get(cp + 1);
    }

    /** Stops it if it runs (SIGTERM, then SIGKILL after the grace period); for the end of a test. */
    synchronized void close() {
        if (process == null) {
            return;
        }
        if (process.isAlive() && ProcessSignals.isPaused(process.pid())) {
            ProcessSignals.resume(process.pid());
        }
        process.close();
    }

    private JavaProcess current() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process;
    }

    private void requireGone(JavaProcess p, String signal) {
        if (p.isAlive() || ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalStateException(name + " (PID " + p.pid() + ") still alive after " + signal);
        }
        LOG.info("{} (PID {}) is gone after {}", name, p.pid(), signal);
    }

    @Override
    public String toString() {
        return name + (process == null ? " (not started)" : " (PID " + process.pid() + ")");
    }
}
