package io.mmsguard.inspection.service;

import static io.mmsguard.inspection.service.BrokerFixture.perSession;
import static io.mmsguard.inspection.service.BrokerFixture.sessions;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.inspection.profile.ContentChecksum;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One inspection service (exactly-once v2) on the real broker and registry: flood and duplicate thresholds give
 * exact counts, every session gets exactly one decision, decisions go to the partition the envelope names, and the
 * admin endpoints report what the traffic did.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class InspectionPipelineIntegrationTest {
    private static final String APP = "it-pipeline-" + UUID.randomUUID();

    @TempDir
    static Path stateDir;

    private static BrokerFixture fx;
    private static InspectionService service;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        fx = new BrokerFixture(kafka, registry, "it-pipeline-" + UUID.randomUUID().toString().substring(0, 8), 3, 4);
        fx.sendProfile(BrokerFixture.mm1Flood("flood20", 20));
        fx.sendProfile(BrokerFixture.mm1Duplicate("dup10", 10));
        fx.sendProfile(BrokerFixture.plain("plain"));
        service = BrokerFixture.startRunning(fx.config(APP, stateDir, Map.of()));
        BrokerFixture.awaitProfileApplied("flood20", service);
        BrokerFixture.awaitProfileApplied("dup10", service);
        BrokerFixture.awaitProfileApplied("plain", service);
    }

    @AfterAll
    static void tearDown() {
        if (service != null) {
            service.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private static MmsEnvelope envelope(String session, String sender, String profile, int replyPartition,
                                        Instant receivedAt) {
        return SampleEnvelopes.mm1Send().setSessionId(session).setSender(sender).setSenderRaw(sender + "/TYPE=PLMN")
                .setProfile(profile).setReplyPartition(replyPartition).setReceivedAt(receivedAt).build();
    }

    @Test
    void floodFromOneSenderPassesExactlyTheLimitAndBlocksTheRest() throws Exception {
        String sender = "+4917100001";
        Instant base = BrokerFixture.now();
        for (int i = 0; i < 50; i++) {
            fx.send(envelope("flood-" + i, sender, "flood20", 0, base.plusMillis(i)));
        }
        fx.flush();

        List<ConsumerRecord<String, Decision>> decisions = fx.decisions(APP, "flood-", 50);

        assertThat(perSession(decisions)).as("one decision per session, none missing")
                .containsOnlyKeys(sessions("flood-", 50)).allSatisfy((session, n) -> assertThat(n).isEqualTo(1));
        Map<Verdict, List<Decision>> byVerdict = decisions.stream().map(ConsumerRecord::value)
                .collect(Collectors.groupingBy(Decision::getVerdict));
        assertThat(byVerdict).containsOnlyKeys(Verdict.PASS, Verdict.BLOCK);
        assertThat(byVerdict.get(Verdict.PASS)).hasSize(20);
        assertThat(byVerdict.get(Verdict.BLOCK)).hasSize(30)
                .allSatisfy(d -> assertThat(d.getReason()).isEqualTo(Reason.FLOOD));
        // One sender is one partition, read in order: the first 20 sent are the ones that pass.
        assertThat(byVerdict.get(Verdict.PASS)).extracting(Decision::getSessionId)
                .containsExactlyInAnyOrderElementsOf(sessions("flood-", 20));

        // The state query on the owner (the only instance) shows the same traffic.
        HttpResponse<String> r = BrokerFixture.get(service, "/state/flood?interface=MM1&key="
                + URLEncoder.encode(sender, StandardCharsets.UTF_8) + "&profile=flood20&at="
                + base.plusSeconds(1).toEpochMilli());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode state = BrokerFixture.json(r.body());
        assertThat(state.path("key").asText()).isEqualTo(sender);
        assertThat(state.path("profile").asText()).isEqualTo("flood20");
        assertThat(state.path("owner").asText()).isEqualTo("127.0.0.1:" + service.httpPort());
        assertThat(state.path("thresholds")).hasSize(1);
        JsonNode t = state.path("thresholds").get(0);
        assertThat(t.path("limit").asInt()).isEqualTo(20);
        assertThat(t.path("count").asLong()).as("blocked attempts count too").isEqualTo(50);
        assertThat(t.path("flagged").asBoolean()).isTrue();
        assertThat(t.path("blocked").asBoolean()).as("block time 0: no lasting block").isFalse();
        assertThat(state.path("blocked").asBoolean()).as("the 51st message would be blocked too").isTrue();
        assertThat(t.path("next").asText()).isEqualTo("BLOCK");
    }

    @Test
    void duplicateCampaignAcrossManySendersPassesExactlyTheLimit() throws Exception {
        Instant base = BrokerFixture.now();
        Set<Integer> inboundPartitions = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            inboundPartitions.add(fx.send(envelope("dup-" + i, "+49172000" + (100 + i), "dup10", 1,
                    base.plusMillis(i))).get().partition());
        }
        assertThat(inboundPartitions).as("senders spread over the inbound partitions").hasSizeGreaterThan(1);

        List<ConsumerRecord<String, Decision>> decisions = fx.decisions(APP, "dup-", 40);

        assertThat(perSession(decisions)).as("one decision per session, none missing")
                .containsOnlyKeys(sessions("dup-", 40)).allSatisfy((session, n) -> assertThat(n).isEqualTo(1));
        Map<Verdict, List<Decision>> byVerdict = decisions.stream().map(ConsumerRecord::value)
                .collect(Collectors.groupingBy(Decision::getVerdict));
        assertThat(byVerdict).containsOnlyKeys(Verdict.PASS, Verdict.BLOCK);
        assertThat(byVerdict.get(Verdict.PASS)).hasSize(10)
                .allSatisfy(d -> assertThat(d.getReason()).isEqualTo(Reason.NONE));
        assertThat(byVerdict.get(Verdict.BLOCK)).hasSize(30)
                .allSatisfy(d -> assertThat(d.getReason()).isEqualTo(Reason.DUPLICATE));
        assertThat(decisions).allSatisfy(r -> assertThat(r.partition()).isEqualTo(1));

        // The duplicate state of that content, asked by checksum: all 40 copies counted, flagged, no lasting block.
        MmsProfile dup10 = BrokerFixture.mm1Duplicate("dup10", 10);
        String checksum = ContentChecksum.of(envelope("x", "+1", "dup10", 1, base),
                dup10.getDuplicateOptions().getIncludeSubject());
        HttpResponse<String> r = BrokerFixture.get(service, "/state/duplicate?interface=MM1&key=" + checksum
                + "&profile=dup10&at=" + base.plusSeconds(1).toEpochMilli());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode t = BrokerFixture.json(r.body()).path("thresholds").get(0);
        assertThat(t.path("limit").asInt()).isEqualTo(10);
        assertThat(t.path("count").asLong()).isEqualTo(40);
        assertThat(t.path("flagged").asBoolean()).isTrue();
        assertThat(t.path("blocked").asBoolean()).isFalse();
    }

    @Test
    void decisionsReachExactlyTheNamedPartitionAndAnUnknownPartitionIsCountedNotWritten() throws Exception {
        Instant base = BrokerFixture.now();
        Map<String, Integer> named = new java.util.TreeMap<>();
        for (int i = 0; i < 10; i++) {
            int partition = i % 2 == 0 ? 2 : 3;
            named.put("route-" + i, partition);
            fx.send(envelope("route-" + i, "+49175000" + (100 + i), "plain", partition, base.plusMillis(i)));
        }
        fx.send(envelope("route-bad", "+49175000999", "plain", 9, base.plusMillis(20)));
        fx.send(envelope("route-after", "+49175000999", "plain", 2, base.plusMillis(21)));
        named.put("route-after", 2);
        fx.flush();

        List<ConsumerRecord<String, Decision>> decisions = fx.decisions(APP, "route-", 11);

        assertThat(perSession(decisions)).as("one decision per routable session; none for partition 9")
                .containsOnlyKeys(named.keySet()).allSatisfy((session, n) -> assertThat(n).isEqualTo(1));
        assertThat(decisions).allSatisfy(r -> {
            assertThat(r.partition()).as(r.value().getSessionId())
                    .isEqualTo(named.get(r.value().getSessionId()));
            assertThat(r.value().getReplyPartition()).isEqualTo(r.partition());
            assertThat(r.value().getVerdict()).isEqualTo(Verdict.PASS);
        });
        // Each partition on its own: exactly the sessions that named it.
        try (var consumer = fx.decisionConsumer()) {
            for (int p = 0; p < 4; p++) {
                var tp = new org.apache.kafka.common.TopicPartition(fx.decisions, p);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long end = consumer.endOffsets(List.of(tp)).get(tp);
                Set<String> here = new HashSet<>();
                while (consumer.position(tp) < end) {
                    consumer.poll(java.time.Duration.ofMillis(200)).forEach(r -> {
                        if (r.value().getSessionId().startsWith("route-")) {
                            here.add(r.value().getSessionId());
                        }
                    });
                }
                int partition = p;
                assertThat(here).as("partition " + p).containsExactlyInAnyOrderElementsOf(named.entrySet().stream()
                        .filter(e -> e.getValue() == partition).map(Map.Entry::getKey).toList());
            }
        }

        HttpResponse<String> metrics = BrokerFixture.get(service, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metricValue(metrics.body(), "mmsguard_inspection_unroutable_decisions_total")).isEqualTo(1.0);
    }

    @Test
    void readyWhileRunning() throws Exception {
        assertThat(BrokerFixture.get(service, "/health/ready").statusCode()).isEqualTo(200);
        assertThat(BrokerFixture.get(service, "/health/live").statusCode()).isEqualTo(200);
    }

    static double metricValue(String prometheusText, String name) {
        List<String> lines = prometheusText.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).toList();
        assertThat(lines).as("metric " + name).hasSize(1);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
