package io.mmsguard.inspection.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /state/top} across two instances of one application: the instance asked merges its own top with the
 * other's, ranked by count and cut to the limit; and when the other instance cannot be reached (B advertises an
 * address nothing listens on), A still answers with its own keys, marked partial with B's error.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class StateTopIntegrationTest {
    private static final String APP = "it-top-" + UUID.randomUUID();
    /** Sender i sends i + 1 messages: every count differs, so the ranking is exact. */
    private static final int SENDERS = 8;

    @TempDir
    static Path stateA;
    @TempDir
    static Path stateB;

    private static BrokerFixture fx;
    private static InspectionService a;
    private static InspectionService b;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        fx = new BrokerFixture(kafka, registry, "it-top-" + UUID.randomUUID().toString().substring(0, 8), 4, 1);
        fx.sendProfile(BrokerFixture.mm1Flood("flood5", 5));
        a = InspectionService.start(fx.config(APP, stateA, Map.of()));
        // 127.0.0.2 is loopback, but B's admin server listens on 127.0.0.1 only: A's questions to B are refused.
        b = InspectionService.start(fx.config(APP, stateB, Map.of("inspection.advertised-host", "127.0.0.2")));
        await("both instances running with active tasks").atMost(BrokerFixture.HANG_GUARD)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> List.of(a, b).stream().allMatch(s -> s.streams().state() == KafkaStreams.State.RUNNING
                        && s.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty())));
        BrokerFixture.awaitProfileApplied("flood5", a, b);
        Instant base = BrokerFixture.now();
        int session = 0;
        for (int i = 0; i < SENDERS; i++) {
            for (int n = 0; n <= i; n++) {
                fx.send(SampleEnvelopes.mm1Send().setSessionId("top-" + (++session)).setSender(sender(i))
                        .setProfile("flood5").setReplyPartition(0).setReceivedAt(base.plusMillis(session)).build());
            }
        }
        fx.flush();
    }

    @AfterAll
    static void tearDown() {
        List.of(a, b).forEach(s -> {
            if (s != null) {
                s.close();
            }
        });
        if (fx != null) {
            fx.close();
        }
    }

    private static String sender(int i) {
        return "+49173100" + i;
    }

    @Test
    void theInstanceAskedMergesEveryInstancesTopRankedByCount() throws Exception {
        // Both instances must have counted every message before the cut to 5 is compared: a top-5 whose first
        // entry is complete says nothing about the other instance's senders.
        await("every sender counted on both instances").atMost(BrokerFixture.HANG_GUARD).ignoreExceptions()
                .until(() -> top(b, "kind=flood&interface=MM1&limit=100&profile=flood5"),
                        t -> !t.path("partial").asBoolean() && totalCount(t) == SENDERS * (SENDERS + 1) / 2);
        JsonNode top = top(b, "kind=flood&interface=MM1&limit=5&profile=flood5");

        assertThat(top.path("partial").asBoolean()).isFalse();
        assertThat(top.path("instances")).hasSize(2);
        List<String> keys = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        Set<String> owners = new TreeSet<>();
        top.path("entries").forEach(e -> {
            keys.add(e.path("key").asText());
            counts.add(e.path("count").asLong());
            owners.add(e.path("owner").asText());
        });
        assertThat(keys).containsExactly(sender(7), sender(6), sender(5), sender(4), sender(3));
        assertThat(counts).containsExactly(8L, 7L, 6L, 5L, 4L);
        JsonNode first = top.path("entries").get(0).path("thresholds").get(0);
        assertThat(first.path("limit").asInt()).isEqualTo(5);
        assertThat(first.path("windowMinutes").asInt()).isEqualTo(60);
        assertThat(first.path("flagged").asBoolean()).isTrue();
        assertThat(top.path("entries").get(3).path("thresholds").get(0).path("flagged").asBoolean())
                .as("5 is the limit, not over it").isFalse();

        // Every sender, without the limit cutting: both instances' keys are there, each under its owner.
        JsonNode all = top(b, "kind=flood&interface=MM1&limit=100&profile=flood5");
        assertThat(all.path("entries")).hasSize(SENDERS);
        all.path("entries").forEach(e -> owners.add(e.path("owner").asText()));
        assertThat(owners).as("keys from both instances").hasSize(2);
    }

    @Test
    void anInstanceThatDoesNotAnswerMakesThePartialAnswerSaySo() throws Exception {
        await("every sender counted").atMost(BrokerFixture.HANG_GUARD).ignoreExceptions()
                .until(() -> top(b, "kind=flood&interface=MM1&limit=100&profile=flood5").path("entries").size(),
                        n -> n == SENDERS);
        JsonNode fromA = top(a, "kind=flood&interface=MM1&limit=100&profile=flood5");

        assertThat(fromA.path("partial").asBoolean()).isTrue();
        JsonNode missing = fromA.path("instances").get(1);
        assertThat(missing.path("instance").asText()).isEqualTo("127.0.0.2:" + b.httpPort());
        assertThat(missing.path("error").asText()).startsWith("did not answer: ");
        assertThat(fromA.path("entries").size()).as("A's own keys").isBetween(1, SENDERS - 1);
        fromA.path("entries").forEach(e -> assertThat(e.path("owner").asText()).isEqualTo("127.0.0.1:" + a.httpPort()));
    }

    @Test
    void badQueriesAreClearErrors() throws Exception {
        assertThat(BrokerFixture.get(a, "/state/top?kind=flood&limit=1001").body())
                .contains("limit must be 1-1000, not 1001");
        assertThat(BrokerFixture.get(a, "/state/top?kind=spam").statusCode()).isEqualTo(400);
        assertThat(BrokerFixture.get(a, "/state/top?kind=flood&interface=UNKNOWN").statusCode()).isEqualTo(400);
        assertThat(BrokerFixture.get(a, "/state/top?kind=flood&profile=nosuchprofile").statusCode()).isEqualTo(404);
    }

    private static long totalCount(JsonNode top) {
        long total = 0;
        for (JsonNode e : top.path("entries")) {
            total += e.path("count").asLong();
        }
        return total;
    }

    private static JsonNode top(InspectionService service, String query) throws Exception {
        HttpResponse<String> r = BrokerFixture.get(service, "/state/top?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return BrokerFixture.json(r.body());
    }
}
