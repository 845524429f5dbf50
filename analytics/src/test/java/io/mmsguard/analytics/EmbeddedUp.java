package io.mmsguard.analytics;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mmsguard.testkit.FreePorts;
import io.mmsguard.testkit.JavaProcess;

/**
 * {@code mmsguard up}, the embedded mode (a real KRaft broker, the Apicurio registry as its child, the inspection
 * service, a gateway and the notifier), as a child JVM on the classpath the embedded module builds: the services run
 * on their own Kafka version, while this JVM holds Flink and the client version of Flink's Kafka connector.
 */
final class EmbeddedUp implements AutoCloseable {
    private static final Duration HANG_GUARD = Duration.ofMinutes(4);
    private static final String READY_LINE = "Running; press Ctrl-C to stop.";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JavaProcess process;
    private final int kafkaPort;
    private final int registryPort;
    private final int inspectionPort;

    private EmbeddedUp(JavaProcess process, int kafkaPort, int registryPort, int inspectionPort) {
        this.process = process;
        this.kafkaPort = kafkaPort;
        this.registryPort = registryPort;
        this.inspectionPort = inspectionPort;
    }

    /** Starts {@code mmsguard up --data-dir dir/data} on free ports and waits until it says it runs. */
    static EmbeddedUp start(Path dir) {
        int kafka = FreePorts.next();
        int registry = FreePorts.next();
        int inspection = FreePorts.next();
        List<String> args = new ArrayList<>(List.of("-cp", classpath(), "io.mmsguard.embedded.EmbeddedMain", "up",
                "--data-dir", dir.resolve("data").toString(), "--kafka-port", Integer.toString(kafka),
                "--registry-port", Integer.toString(registry), "--inspection-port", Integer.toString(inspection)));
        for (String port : List.of("--kafka-controller-port", "--gateway-admin-port", "--notifier-port", "--mm1-port",
                "--mm7-port", "--mm3-port", "--mm4-port", "--mmsc-port")) {
            args.add(port);
            args.add(Integer.toString(FreePorts.next()));
        }
        List<String> jvm = new ArrayList<>(List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        String apicurio = System.getProperty("mmsguard.apicurio.dist");
        if (apicurio != null) {
            jvm.add("-Dmmsguard.apicurio.dist=" + apicurio);
        }
        JavaProcess p = JavaProcess.start("mmsguard-up", jvm, args, dir, dir.resolve("mmsguard-up.log"));
        EmbeddedUp up = new EmbeddedUp(p, kafka, registry, inspection);
        try {
            await("mmsguard up running").atMost(HANG_GUARD).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("mmsguard up exited:\n" + p.logTail(60));
                }
                return Files.readString(p.logFile(), StandardCharsets.UTF_8).contains(READY_LINE);
            });
            return up;
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    /** The embedded module's classes and runtime libraries (its build writes the list; see analytics/pom.xml). */
    private static String classpath() {
        Path classes = Path.of(System.getProperty("mmsguard.embedded.classes"));
        Path file = Path.of(System.getProperty("mmsguard.embedded.classpath-file"));
        if (!Files.isDirectory(classes) || !Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + classes + " or " + file + ": build the embedded module first"
                    + " (./mvnw -pl analytics -am test)");
        }
        try {
            return classes + java.io.File.pathSeparator + Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The registry's Confluent API. */
    String registryUrl() {
        return "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
    }

    /** GET on the inspection service's admin server (open on loopback in the embedded mode). */
    String inspectionGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + inspectionPort
                + path)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        process.close();
    }
}
