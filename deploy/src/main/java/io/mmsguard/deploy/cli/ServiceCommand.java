package io.mmsguard.deploy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.mmsguard.service.ConfigException;
import io.mmsguard.service.ConfigKey;
import io.mmsguard.service.ConfigKeys;
import io.mmsguard.service.Settings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Runs one service alone: configuration from the YAML file and the environment, a probe of Kafka and the registry,
 * the service started, then kept running until SIGTERM or Ctrl-C (or {@link #stop()}), when it is closed cleanly.
 * Subclasses know their service's configuration and how to start it.
 *
 * @param <C> the service's configuration
 */
abstract class ServiceCommand<C> implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceCommand.class);
    private static final int HELP_WIDTH = 78;

    /**
     * A started service.
     *
     * @param service   closed on stop
     * @param adminPort the admin HTTP port (metrics, health)
     * @param listening one line per address the service listens on
     * @param readiness waits until the service can do its work (true) or gives up (false); null when started
     *                  means ready
     */
    record Running(AutoCloseable service, int adminPort, List<String> listening, Readiness readiness) {
    }

    interface Readiness {
        boolean await() throws InterruptedException;
    }

    /**
     * How a service is configured.
     *
     * @param docSection  its section of docs/configuration.md
     * @param keys        the keys it accepts ({@code KEYS} of its configuration)
     * @param parse       the configuration from the settings; throws ConfigException or IllegalArgumentException
     * @param kafka       its {@code kafka.*} settings without the prefix
     * @param serde       its {@code serde.*} settings without the prefix
     */
    record Configuration<C>(String docSection, ConfigKeys keys, Function<Settings, C> parse,
                            Function<C, Map<String, String>> kafka,
                            Function<C, Map<String, String>> serde) {
    }

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration file; MMSGUARD_<KEY> environment variables override it (default: the"
                    + " environment only).")
    Path config;

    // Hidden: tests probe a closed port and must not wait the full 10 s.
    @Option(names = "--probe-timeout-ms", hidden = true, defaultValue = "10000")
    long probeTimeoutMs;

    private final Configuration<C> configuration;
    private CommandLine.Model.CommandSpec spec;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int adminPort = -1;

    ServiceCommand(Configuration<C> configuration) {
        this.configuration = configuration;
    }

    /** The keys, in the help footer, so that {@code --help} always matches what the service accepts. */
    @CommandLine.Spec
    void spec(CommandLine.Model.CommandSpec spec) {
        this.spec = spec;
        List<String> footer = new ArrayList<>();
        footer.add("");
        footer.addAll(wrap("Configuration keys (YAML, or the variable MMSGUARD_<KEY>: upper case, other characters as"
                + " _); any other key or MMSGUARD_ variable is refused. Each key's default and meaning in full:"
                + " docs/configuration.md, section \"" + configuration.docSection() + "\".", ""));
        for (ConfigKey key : configuration.keys().all()) {
            footer.addAll(wrap(key.name() + (key.defaultValue() == null ? "" : " (" + key.defaultValue() + ")") + ": "
                    + key.meaning(), "  "));
        }
        footer.add("");
        footer.addAll(wrap(ExitCodes.SERVICE_HELP, ""));
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }

    /** Picocli would break the dotted keys at their dots; lines wrapped at spaces keep every key whole. */
    private static List<String> wrap(String text, String indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > HELP_WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    abstract Running start(C config) throws Exception;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.qualifiedName();
        C c;
        try {
            c = configuration.parse().apply(Settings.load(Optional.ofNullable(config), System.getenv(),
                    configuration.keys()));
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println(name + ": configuration error: " + p));
            err.flush();
            return ExitCodes.CONFIG;
        } catch (IllegalArgumentException e) {
            err.println(name + ": configuration error: " + e.getMessage());
            err.flush();
            return ExitCodes.CONFIG;
        }
        StartupProbe probe = new StartupProbe(Duration.ofMillis(probeTimeoutMs));
        Running running;
        try {
            probe.kafka(configuration.kafka().apply(c));
            probe.registry(configuration.serde().apply(c));
            running = start(c);
        } catch (Unreachable e) {
            err.println(name + ": " + e.getMessage());
            err.flush();
            return ExitCodes.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.REFUSED;
        } catch (Exception e) {
            LOG.debug("start failed", e);
            err.println(name + ": cannot start: " + e);
            err.flush();
            return ExitCodes.REFUSED;
        }
        adminPort = running.adminPort();
        running.listening().forEach(out::println);
        out.println("Running; stop with SIGTERM or Ctrl-C.");
        out.flush();
        return runUntilStopped(name, running, out);
    }

    private int runUntilStopped(String name, Running running, PrintWriter out) {
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
            // A JVM stopped by a signal exits with 128 + signal; the service closed cleanly, so report 0 as
            // documented (supervisors such as systemd count 143 as a failure).
            Runtime.getRuntime().halt(ExitCodes.OK);
        }, name.replace(' ', '-') + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        watchReadiness(name, running, out);
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            // an interrupt is a stop request too: the caller wants the service closed
            Thread.currentThread().interrupt();
        } finally {
            out.println("Stopping ...");
            out.flush();
            try {
                running.service().close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", name, e.toString());
            }
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is the one that stopped us
            }
        }
        out.println("Stopped.");
        out.flush();
        return ExitCodes.OK;
    }

    /** Readiness is waited for on its own thread, so that a stop request is never held up by it. */
    private void watchReadiness(String name, Running running, PrintWriter out) {
        if (running.readiness() == null) {
            ready.countDown();
            return;
        }
        Thread t = new Thread(() -> {
            try {
                if (running.readiness().await()) {
                    out.println("Ready.");
                    out.flush();
                    ready.countDown();
                } else if (stopRequested.getCount() > 0) {
                    LOG.warn("{}: not ready; see the log above", name);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name.replace(' ', '-') + "-readiness");
        t.setDaemon(true);
        t.start();
    }

    /** Stops a running command as SIGTERM would (for tests, which cannot signal their own JVM). */
    void stop() {
        stopRequested.countDown();
    }

    /** The admin HTTP port once started, else -1. */
    int adminPort() {
        return adminPort;
    }

    /** Waits until the service is started and ready. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
