package io.mmsguard.harness.containers;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.mmsguard.testkit.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Confluent Schema Registry ({@value #IMAGE}: the release of the Confluent client the tests read with) on the
 * host's network, storing its schemas in the deployment's brokers ({@code _schemas}); given to
 * {@code Deployment.Builder.registry} as {@link #start(String)}, so that {@code config apply} and every service
 * register and resolve their schemas there instead of in the harness's Apicurio.
 */
public final class SchemaRegistryContainer extends ContainerNode {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryContainer.class);
    static final String IMAGE = "confluentinc/cp-schema-registry:7.5.3";
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final int replication;
    private final int port = FreePorts.next();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private GenericContainer<?> container;

    /** @param replication the replication factor of {@code _schemas}: the deployment's */
    public SchemaRegistryContainer(int replication) {
        this.replication = replication;
    }

    /** Starts it against {@code bootstrapServers} and returns its URL once it answers. */
    public String start(String bootstrapServers) {
        container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withNetworkMode("host")
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "127.0.0.1")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", url())
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + bootstrapServers)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", Integer.toString(replication));
        container.start();
        control = new ContainerControl("schema-registry", container.getContainerId());
        awaitReady();
        LOG.info("{} answers at {}", control, url());
        return url();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Until {@code GET /subjects} answers 200; at once if the container exits. */
    @Override
    void awaitReady() {
        await(control + " answering GET /subjects").atMost(READY_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!control.isRunning()) {
                        throw new IllegalStateException(control + " exited:\n" + container.getLogs());
                    }
                    return subjectsStatus() == 200;
                });
    }

    private int subjectsStatus() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url() + "/subjects")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        }
    }

    @Override
    public String name() {
        return "schema-registry";
    }

    /** Removes the container. */
    public void close() {
        if (container != null) {
            container.stop();
        }
    }
}
