package io.mmsguard.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry 3.0.9 as a child process on loopback, serving Confluent's Schema Registry API at
 * {@code /apis/ccompat/v7} with BACKWARD compatibility as the global rule. Storage is in memory unless a
 * directory is given, in which case schemas survive restarts (H2 file database).
 */
public final class ApicurioRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);
    private static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private final JavaProcess process;
    private final int port;

    private ApicurioRegistry(JavaProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** An in-memory registry on free loopback ports, logging into {@code workDir}. */
    public static ApicurioRegistry start(Path workDir) {
        return start(workDir, 0, null, Duration.ofSeconds(120));
    }

    /**
     * @param workDir     where the log (and, with {@code storageDir}, nothing else) goes
     * @param port        HTTP port, 0 for a free one
     * @param storageDir  null for in-memory storage, else the directory of a persistent H2 database
     * @param readyWithin how long to wait for the API to answer
     */
    public static ApicurioRegistry start(Path workDir, int port, Path storageDir, Duration readyWithin) {
        return start(workDir, port, storageDir, readyWithin, List.of(), Map.of());
    }

    /**
     * A registry that keeps its schemas in Kafka (kafkasql storage, as compose and Kubernetes run it), on free
     * loopback ports.
     *
     * @param systemProperties further {@code -Dkey=value} settings of the registry (e.g. its Kafka client's)
     * @param environment      added to the registry's environment (e.g. {@code QUARKUS_CONFIG_LOCATIONS})
     */
    public static ApicurioRegistry startOnKafka(Path workDir, String bootstrapServers, List<String> systemProperties,
                                                Map<String, String> environment, Duration readyWithin) {
        List<String> jvm = new ArrayList<>(List.of("-Dapicurio.storage.kind=kafkasql",
                "-Dapicurio.kafkasql.bootstrap.servers=" + bootstrapServers));
        jvm.addAll(systemProperties);
        return start(workDir, 0, null, readyWithin, jvm, environment);
    }

    private static ApicurioRegistry start(Path workDir, int port, Path storageDir, Duration readyWithin,
                                          List<String> extraJvm, Map<String, String> environment) {
        Objects.requireNonNull(workDir, "workDir");
        Path jar = ApicurioDistribution.runnerJar();
        int httpPort = port == 0 ? FreePorts.next() : port;
        int managementPort = FreePorts.next();
        List<String> jvm = new ArrayList<>(List.of(
                "-Xmx384m", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + httpPort,
                // The management interface binds 0.0.0.0 unless told otherwise.
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-Dapicurio.rules.global.compatibility=BACKWARD",
                // Same schema text in any formatting gets the same id, as on Confluent's registry.
                "-Dapicurio.ccompat.use-canonical-hash=true"));
        if (storageDir != null) {
            jvm.add("-Dapicurio.datasource.url=jdbc:h2:file:" + storageDir.toAbsolutePath().resolve("registry"));
        }
        jvm.addAll(extraJvm);
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + workDir, e);
        }
        JavaProcess process = JavaProcess.start("apicurio-registry", jvm, List.of("-jar", jar.toString()),
                jar.getParent(), workDir.resolve("apicurio-" + httpPort + ".log"), environment);
        ApicurioRegistry registry = new ApicurioRegistry(process, httpPort);
        try {
            registry.awaitReady(readyWithin);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return registry;
    }

    private void awaitReady(Duration timeout) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects")).timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited during startup:\n" + process.logTail(40));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    log.info("Apicurio Registry ready at {} in {} ms ({})", url(), (System.nanoTime() - t0) / 1_000_000, process);
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
        }
        throw new IllegalStateException("Apicurio Registry not ready within " + timeout + ":\n" + process.logTail(40));
    }

    /** The Confluent-compatible API base URL, the value for {@code schema.registry.url}. */
    public String url() {
        return "http://127.0.0.1:" + port + CCOMPAT_PATH;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
