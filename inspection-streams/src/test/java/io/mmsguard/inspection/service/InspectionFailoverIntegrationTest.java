package io.mmsguard.inspection.service;

import static io.mmsguard.inspection.service.BrokerFixture.perSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application (standby replicas 1): any instance answers a state query for any key (the
 * non-owner forwards to the owner), and closing one instance in the middle of a flood keeps every count exact and
 * every session's decision single.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InspectionFailoverIntegrationTest {
    private static final String APP = "it-failover-" + UUID.randomUUID();

    @TempDir
    static Path stateA;
    @TempDir
    static Path stateB;

    private static BrokerFixture fx;
    private static final List<InspectionService> running = new ArrayList<>();

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        fx = new BrokerFixture(kafka, registry, "it-failover-" + UUID.randomUUID().toString().substring(0, 8), 4, 2);
        fx.sendProfile(BrokerFixture.mm1Flood("flood5", 5));
        fx.sendProfile(BrokerFixture.mm1Flood("flood15", 15));
        Map<String, String> extra = Map.of("inspection.standby-replicas", "1");
        InspectionService a = InspectionService.start(fx.config(APP, stateA, extra));
        running.add(a);
        InspectionService b = InspectionService.start(fx.config(APP, stateB, extra));
        running.add(b);
        awaitBothRunningWithTasks();
        BrokerFixture.awaitProfileApplied("flood5", a, b);
        BrokerFixture.awaitProfileApplied("flood15", a, b);
    }

    /** Both RUNNING and each the active owner of some inbound partition (the group settled on two members). */
    private static void awaitBothRunningWithTasks() {
        await("both instances running with active tasks").atMost(BrokerFixture.HANG_GUARD)
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> running.stream().allMatch(s -> s.streams().state() == KafkaStreams.State.RUNNING
                        && s.streams().metadataForLocalThreads().stream()
                        .anyMatch(t -> !t.activeTasks().isEmpty())));
    }

    @AfterAll
    static void tearDown() {
        running.forEach(InspectionService::close);
        if (fx != null) {
            fx.close();
        }
    }

    private static MmsEnvelope envelope(String session, String sender, String profile, Instant receivedAt) {
        return SampleEnvelopes.mm1Send().setSessionId(session).setSender(sender).setSenderRaw(sender + "/TYPE=PLMN")
                .setProfile(profile).setReplyPartition(0).setReceivedAt(receivedAt).build();
    }

    private static String floodQuery(String sender, String profile, Instant at) {
        return "/state/flood?interface=MM1&key=" + URLEncoder.encode(sender, StandardCharsets.UTF_8)
                + (profile == null ? "" : "&profile=" + profile) + "&at=" + at.toEpochMilli();
    }

    @Test
    @Order(1)
    void everyInstanceAnswersTheStateQueryOfAnyKeyAndIsReady() throws Exception {
        String sender = "+4917300001";
        Instant base = BrokerFixture.now();
        for (int i = 0; i < 12; i++) {
            fx.send(envelope("query-" + i, sender, "flood5", base.plusMillis(i)));
        }
        fx.flush();
        List<ConsumerRecord<String, Decision>> decisions = fx.decisions(APP, "query-", 12);
        assertThat(perSession(decisions)).hasSize(12).allSatisfy((s, n) -> assertThat(n).isEqualTo(1));
        assertThat(decisions.stream().filter(r -> r.value().getVerdict() == Verdict.PASS)).hasSize(5);

        List<JsonNode> answers = new ArrayList<>();
        for (InspectionService s : running) {
            assertThat(BrokerFixture.get(s, "/health/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> r = BrokerFixture.get(s, floodQuery(sender, "flood5", base.plusSeconds(1)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            answers.add(BrokerFixture.json(r.body()));
        }
        Set<String> ports = running.stream().map(s -> "127.0.0.1:" + s.httpPort()).collect(Collectors.toSet());
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.path("owner").asText()).isIn(ports);
            assertThat(a.path("thresholds").get(0).path("count").asLong()).isEqualTo(12);
            assertThat(a.path("thresholds").get(0).path("flagged").asBoolean()).isTrue();
            assertThat(a.path("thresholds").get(0).path("blocked").asBoolean()).as("no lasting block").isFalse();
            assertThat(a.path("blocked").asBoolean()).as("the 13th message would be blocked").isTrue();
        });
        // The non-owner forwarded: both answers come from the one owner and are identical.
        assertThat(answers.get(0)).isEqualTo(answers.get(1));
    }

    @Test
    @Order(2)
    void theStateQueryWithoutAProfileIsAnsweredByEveryInstance() throws Exception {
        // The profile parameter is optional (every profile in force with MM1 flood thresholds answers); the
        // forwarding instance must not fail.
        String sender = "+4917300001";
        Instant at = BrokerFixture.now();
        List<JsonNode> answers = new ArrayList<>();
        for (InspectionService s : running) {
            HttpResponse<String> r = BrokerFixture.get(s, floodQuery(sender, null, at));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            answers.add(BrokerFixture.json(r.body()));
        }
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.path("views").findValuesAsText("profile")).contains("flood5").doesNotContain("default");
            assertThat(a.path("profiles").toString()).contains("\"default\"", "\"flood5\"");
        });
        assertThat(answers.get(0)).isEqualTo(answers.get(1));
    }

    @Test
    @Order(3)
    void closingOneInstanceMidFloodKeepsEveryCountExact() throws Exception {
        int senders = 6;
        int perSender = 40;
        int limit = 15;
        Instant base = BrokerFixture.now();
        Set<Integer> partitions = new HashSet<>();
        List<String> senderIds = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            senderIds.add("+49174000" + (100 + s));
        }
        for (int i = 0; i < perSender / 2; i++) {
            for (int s = 0; s < senders; s++) {
                partitions.add(fx.send(envelope("fo-" + s + "-" + i, senderIds.get(s), "flood15",
                        base.plusMillis(i))).get().partition());
            }
        }
        assertThat(partitions).as("senders spread over the inbound partitions").hasSizeGreaterThan(1);

        // Mid-stream: the first half is sent and possibly partly processed; one instance leaves gracefully.
        InspectionService leaving = running.remove(0);
        Set<String> leavingClients = leaving.streams().metadataForLocalThreads().stream()
                .map(t -> t.consumerClientId()).collect(Collectors.toSet());
        leaving.close();
        // A graceful close leaves the group at once (the survivor takes over now, not after session.timeout.ms).
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", fx.bootstrap))) {
            assertThat(admin.describeConsumerGroups(List.of(APP)).all().get().get(APP).members())
                    .extracting(m -> m.clientId()).doesNotContainAnyElementsOf(leavingClients).isNotEmpty();
        }

        for (int i = perSender / 2; i < perSender; i++) {
            for (int s = 0; s < senders; s++) {
                fx.send(envelope("fo-" + s + "-" + i, senderIds.get(s), "flood15", base.plusMillis(i)));
            }
        }
        fx.flush();

        List<ConsumerRecord<String, Decision>> decisions = fx.decisions(APP, "fo-", senders * perSender);

        Set<String> expected = new TreeSet<>();
        for (int s = 0; s < senders; s++) {
            for (int i = 0; i < perSender; i++) {
                expected.add("fo-" + s + "-" + i);
            }
        }
        assertThat(perSession(decisions)).as("exactly one decision per session")
                .containsOnlyKeys(expected).allSatisfy((session, n) -> assertThat(n).isEqualTo(1));
        for (int s = 0; s < senders; s++) {
            String prefix = "fo-" + s + "-";
            List<Decision> mine = decisions.stream().map(ConsumerRecord::value)
                    .filter(d -> d.getSessionId().startsWith(prefix)).toList();
            Set<String> passed = mine.stream().filter(d -> d.getVerdict() == Verdict.PASS)
                    .map(Decision::getSessionId).collect(Collectors.toSet());
            List<Decision> blocked = mine.stream().filter(d -> d.getVerdict() == Verdict.BLOCK).toList();
            assertThat(passed).as("sender " + s + " passes").hasSize(limit);
            assertThat(blocked).as("sender " + s + " blocked").hasSize(perSender - limit)
                    .allSatisfy(d -> assertThat(d.getReason()).isEqualTo(Reason.FLOOD));
            // Per-sender order is kept through the failover (one partition, replayed in order under EOS).
            Set<String> first = new HashSet<>();
            for (int i = 0; i < limit; i++) {
                first.add(prefix + i);
            }
            assertThat(passed).as("sender " + s + ": the first " + limit + " pass").isEqualTo(first);
        }

        // The survivor owns every key now and reports the whole count.
        InspectionService survivor = running.get(0);
        for (String sender : senderIds) {
            HttpResponse<String> r = BrokerFixture.get(survivor, floodQuery(sender, "flood15", base.plusSeconds(1)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(BrokerFixture.json(r.body()).path("thresholds").get(0).path("count").asLong())
                    .as(sender).isEqualTo(perSender);
        }
    }
}
