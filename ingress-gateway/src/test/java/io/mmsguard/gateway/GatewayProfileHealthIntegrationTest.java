package io.mmsguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tombstone rule through the running services: deleting the profile a gateway listener names leaves it in force
 * in the gateway and in the topology alike; the gateway reports itself degraded on /status/profiles and stays ready.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class GatewayProfileHealthIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    Path dir;

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTombstoneOfTheListenersProfileLeavesTheGatewayReadyButDegraded(KafkaTestCluster kafka,
                                                                          ApicurioRegistry registry) throws Exception {
        try (GatewayStack stack = GatewayStack.start(kafka, registry, dir, "gw-health", Map.of("mm1.profile", "gold"))) {
            stack.publishProfile(MmsProfile.newBuilder().setName("gold")
                    .setMm1(InterfaceSettings.newBuilder().setFailOpen(true).build()).build());
            int admin = stack.gateway().httpPort();
            assertThat(get(admin, "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(admin, "/status/profiles").body())
                    .isEqualTo("{\"following\":true,\"degraded\":false,\"tombstonedPinned\":[]}\n");

            try (ProfilePublisher publisher =
                         new ProfilePublisher(kafka.bootstrapServers(), registry.url(), "gw-health.profiles")) {
                publisher.delete("gold");
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> get(admin, "/status/profiles").body().contains("\"degraded\":true"));
            assertThat(get(admin, "/status/profiles").body())
                    .isEqualTo("{\"following\":true,\"degraded\":true,\"tombstonedPinned\":[\"gold\"]}\n");
            assertThat(get(admin, "/health/ready").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> get(stack.inspection().httpPort(), "/status/profiles")
                    .body().contains("the last valid version stays in force"));
        }
    }
}
