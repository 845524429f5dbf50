package io.mmsguard.gateway;

import static org.awaitility.Awaitility.await;

import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.mmsguard.service.Settings;
import io.mmsguard.testkit.JavaProcess;
import io.mmsguard.testkit.JvmClasspath;

/**
 * A gateway alone in a JVM, for tests that need it as a separate process (a heap of its own): reads its settings
 * from a properties file, starts, then writes {@code <listener>=<port>} for every listener it runs ({@code mm1},
 * {@code mm7}, {@code mm3}, {@code mm4}) and {@code http=<port>} to the ports file (atomically, so the test never reads
 * half of it) and runs until it is stopped by its PID.
 *
 * <p>{@code java ... io.mmsguard.gateway.ChildGateway <settings.properties> <ports.properties>}
 */
public final class ChildGateway {
    private ChildGateway() {
    }

    /** A child gateway as started by a test: the process (closing it stops the gateway) and its ports. */
    public record Started(JavaProcess process, int mm1Port, int httpPort) implements AutoCloseable {
        public URI metrics() {
            return URI.create("http://127.0.0.1:" + httpPort + "/metrics");
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /**
     * Starts a gateway on {@code settings} in a JVM with {@code -Xmx<heap>} that exits on an OutOfMemoryError, its
     * log in {@code target/<name>.log}; returns once it listens (at most two minutes), failing with its log's tail if
     * it died.
     */
    public static Started start(String name, String heap, Map<String, String> settings, Path dir) throws Exception {
        Path config = dir.resolve(name + ".properties");
        Properties p = new Properties();
        p.putAll(settings);
        try (Writer w = Files.newBufferedWriter(config)) {
            p.store(w, "child gateway");
        }
        Path ports = dir.resolve(name + "-ports.properties");
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        Files.deleteIfExists(log);
        JavaProcess gateway = JavaProcess.start(name, List.of("-Xmx" + heap, "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError"), List.of("-cp", JvmClasspath.current(), ChildGateway.class.getName(),
                config.toString(), ports.toString()), dir, log);
        await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(ports) || !gateway.isAlive());
        if (!gateway.isAlive()) {
            String tail = gateway.logTail(40);
            gateway.close();
            throw new AssertionError("the child gateway died: " + tail);
        }
        Properties bound = new Properties();
        try (Reader r = Files.newBufferedReader(ports)) {
            bound.load(r);
        }
        return new Started(gateway, Integer.parseInt(bound.getProperty("mm1")),
                Integer.parseInt(bound.getProperty("http")));
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            p.load(r);
        }
        Map<String, String> settings = new HashMap<>();
        p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k)));
        GatewayService gateway = GatewayService.start(GatewayConfig.from(Settings.of(settings)));
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-stop"));
        Path ports = Path.of(args[1]);
        Path tmp = ports.resolveSibling(ports.getFileName() + ".tmp");
        StringBuilder bound = new StringBuilder("http=" + gateway.httpPort() + "\n");
        for (String listener : new String[] {"mm1", "mm7", "mm3", "mm4"}) {
            String enabledByDefault = String.valueOf(listener.equals("mm1"));
            if (Boolean.parseBoolean(settings.getOrDefault(listener + ".enabled", enabledByDefault))) {
                bound.append(listener).append('=').append(gateway.port(listener)).append('\n');
            }
        }
        Files.writeString(tmp, bound);
        Files.move(tmp, ports, StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }
}
