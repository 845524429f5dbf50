package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.mmsguard.deploy.TopicPlan;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code mmsguard streams} on a real broker and registry: it starts, becomes ready, and stops cleanly. */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ServiceCommandIntegrationTest {
    /** Guards against a hang only; readiness normally takes a few seconds. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(3);
    private static KafkaTestCluster kafka;
    private static String registryUrl;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(KafkaTestCluster cluster, ApicurioRegistry registry) {
        kafka = cluster;
        registryUrl = registry.url();
    }

    @Test
    void streamsBecomesReadyAndStopsWithExitZero() throws Exception {
        String prefix = "it-cli-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> names = TopicPlan.embedded().stream().map(t -> prefix + "." + t.name()).toList();
        kafka.admin().createTopics(names.stream().map(n -> new NewTopic(n, 1, (short) 1)).toList())
                .all().get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        StringBuilder topics = new StringBuilder();
        // Only the topics the streams service reads: its configuration refuses any other key.
        TopicPlan.embedded().stream()
                .filter(t -> InspectionConfig.KEYS.find("topics." + topicKey(t.name())).isPresent())
                .forEach(t -> topics.append("  ").append(topicKey(t.name())).append(": \"")
                        .append(prefix).append('.').append(t.name()).append("\"\n"));
        Path yaml = Files.writeString(dir.resolve("streams.yaml"), """
                kafka:
                  bootstrap.servers: "%s"
                  replication.factor: 1
                serde:
                  schema.registry.url: "%s"
                inspection:
                  application-id: "%s"
                  state-dir: "%s"
                  http-host: 127.0.0.1
                  http-port: 0
                topics:
                %s""".formatted(kafka.bootstrapServers(), registryUrl, prefix, dir.resolve("state"), topics));

        CliRun run = new CliRun();
        StreamsCommand command = (StreamsCommand) run.cli.getSubcommands().get("streams").getCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> run.execute("streams", "--config", yaml.toString()));
        try {
            assertThat(command.awaitReady(HANG_GUARD)).as("ready; err: %s", run.err()).isTrue();
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + command.adminPort() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
        } finally {
            command.stop();
        }
        assertThat(exit.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(run.out()).contains("admin HTTP on 127.0.0.1:" + command.adminPort(), "Ready.", "Stopped.");
    }

    @Test
    void anUnreachableRegistryExitsThree() throws Exception {
        Path yaml = Files.writeString(dir.resolve("gateway.yaml"), """
                kafka: {bootstrap.servers: "%s"}
                serde: {schema.registry.url: "http://127.0.0.1:9/apis/ccompat/v7"}
                mm1: {upstream: "http://127.0.0.1:9/mms"}
                """.formatted(kafka.bootstrapServers()));
        CliRun run = new CliRun();

        assertThat(run.execute("gateway", "--config", yaml.toString(), "--probe-timeout-ms", "2000")).isEqualTo(3);

        assertThat(run.err().lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("mmsguard gateway: schema registry unreachable:")
                .contains("GET http://127.0.0.1:9/apis/ccompat/v7/subjects"));
    }

    /** Topics.INBOUND is "mms.inbound" etc.; the configuration key is the part after the dot. */
    private static String topicKey(String topic) {
        return topic.substring(topic.indexOf('.') + 1);
    }
}
