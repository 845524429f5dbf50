package io.mmsguard.inspection.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ShadowLog;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.inspection.topology.ShadowHook;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shadow application on a real broker beside the live one: it judges with the shadow profile in its own state,
 * and nothing it does (a missing profile, a failure, a stall) changes or delays a live decision.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ShadowProfileIntegrationTest {

    @TempDir
    Path stateDir;

    @Test
    void theShadowBlocksOnItsOwnLowerFloodLimitWhileLiveCountsOnlyLive(KafkaTestCluster kafka,
                                                                       ApicurioRegistry registry) throws Exception {
        String app = "it-shadow-" + UUID.randomUUID();
        String sender = "+4917100301";
        try (BrokerFixture fx = fixture(kafka, registry)) {
            fx.sendProfile(flood("shadow3", 3, null));
            fx.sendProfile(flood("live100", 100, "shadow3"));
            try (InspectionService service = BrokerFixture.startRunning(fx.config(app, stateDir, Map.of()))) {
                BrokerFixture.awaitProfileApplied("live100", service);
                BrokerFixture.awaitProfileApplied("shadow3", service);
                for (int i = 1; i <= 6; i++) {
                    fx.send(envelope("fl-" + i, sender, "live100"));
                }
                fx.flush();

                assertThat(fx.decisions(app, "fl-", 6)).extracting(r -> r.value().getVerdict())
                        .hasSize(6).containsOnly(Verdict.PASS);
                List<ShadowLog> shadow = fx.shadowLogs(app, "fl-").stream()
                        .sorted(Comparator.comparing(ShadowLog::getSessionId)).toList();
                assertThat(shadow).extracting(ShadowLog::getSessionId)
                        .containsExactly("fl-1", "fl-2", "fl-3", "fl-4", "fl-5", "fl-6");
                assertThat(shadow).extracting(ShadowLog::getVerdict).containsExactly(Verdict.PASS, Verdict.PASS,
                        Verdict.PASS, Verdict.BLOCK, Verdict.BLOCK, Verdict.BLOCK);
                assertThat(shadow.subList(3, 6)).allSatisfy(s -> {
                    assertThat(s.getReason()).isEqualTo(Reason.FLOOD);
                    assertThat(s.getThresholds()).singleElement().satisfies(t -> {
                        assertThat(t.getKind()).isEqualTo(ThresholdKind.FLOOD);
                        assertThat(t.getLimit()).isEqualTo(3);
                        assertThat(t.getExceeded()).isTrue();
                    });
                });
                assertThat(shadow).allSatisfy(s -> {
                    assertThat(s.getLiveProfile()).isEqualTo("live100");
                    assertThat(s.getShadowProfile()).isEqualTo("shadow3");
                });

                HttpResponse<String> state = BrokerFixture.get(service, "/state/flood?interface=MM1&key="
                        + URLEncoder.encode(sender, StandardCharsets.UTF_8) + "&profile=live100");
                assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
                assertThat(BrokerFixture.json(state.body()).path("thresholds").get(0).path("count").asLong())
                        .as("the live store counts the live messages only").isEqualTo(6);
            }
        }
    }

    @Test
    void aMissingOrFailingShadowLeavesTheLiveDecisionsAsTheyAre(KafkaTestCluster kafka, ApicurioRegistry registry)
            throws Exception {
        String app = "it-shadow-" + UUID.randomUUID();
        ShadowHook failing = envelope -> {
            if (envelope.getSessionId().startsWith("fail-")) {
                throw new IllegalStateException("shadow failure injected by the test");
            }
        };
        try (BrokerFixture fx = fixture(kafka, registry)) {
            fx.sendProfile(flood("failing", 1, null));
            fx.sendProfile(flood("live-missing", 1, "nosuchprofile"));
            fx.sendProfile(flood("live-failing", 1, "failing"));
            try (InspectionService service = BrokerFixture.startRunning(fx.config(app, stateDir, Map.of()),
                    failing)) {
                BrokerFixture.awaitProfileApplied("live-failing", service);
                BrokerFixture.awaitProfileApplied("live-missing", service);
                for (int i = 0; i < 2; i++) {
                    fx.send(envelope("miss-" + i, "+4917100302", "live-missing"));
                    fx.send(envelope("fail-" + i, "+4917100303", "live-failing"));
                }
                fx.flush();

                Map<String, Verdict> live = verdicts(fx.decisions(app, "", 4));
                assertThat(live).as("limit 1: the second message of each sender blocked, as without a shadow")
                        .containsOnly(Map.entry("miss-0", Verdict.PASS), Map.entry("miss-1", Verdict.BLOCK),
                                Map.entry("fail-0", Verdict.PASS), Map.entry("fail-1", Verdict.BLOCK));
                assertThat(fx.shadowLogs(app, "")).isEmpty();
                assertThat(BrokerFixture.get(service, "/metrics").body())
                        .containsPattern("mmsguard_shadow_profile_missing_total\\{interface=\"MM1\",?} 2\\.0");
            }
        }
    }

    @Test
    void aStalledShadowDelaysNoLiveDecisionAndCatchesUpWhenReleased(KafkaTestCluster kafka, ApicurioRegistry registry)
            throws Exception {
        String app = "it-shadow-" + UUID.randomUUID();
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ShadowHook stall = envelope -> {
            stalled.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (BrokerFixture fx = fixture(kafka, registry)) {
            fx.sendProfile(flood("shadow-slow", 100, null));
            fx.sendProfile(flood("live-fast", 100, "shadow-slow"));
            try (InspectionService service = BrokerFixture.startRunning(fx.config(app, stateDir, Map.of()), stall)) {
                try {
                    BrokerFixture.awaitProfileApplied("live-fast", service);
                    for (int i = 0; i < 5; i++) {
                        fx.send(envelope("stall-" + i, "+4917100304", "live-fast"));
                    }
                    fx.flush();

                    assertThat(fx.decisions(app, "stall-", 5)).extracting(r -> r.value().getVerdict())
                            .hasSize(5).containsOnly(Verdict.PASS);
                    assertThat(stalled.await(BrokerFixture.HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
                            .as("the shadow's stream thread is held in its head").isTrue();
                    assertThat(fx.shadowLogsNow("stall-")).as("nothing from the stalled shadow").isEmpty();
                } finally {
                    release.countDown();
                }
                assertThat(fx.shadowLogs(app, "stall-")).extracting(ShadowLog::getVerdict)
                        .hasSize(5).containsOnly(Verdict.PASS);
            }
        }
    }

    private BrokerFixture fixture(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        return new BrokerFixture(kafka, registry, "it-shadow-" + UUID.randomUUID().toString().substring(0, 8), 1, 1);
    }

    private static MmsProfile flood(String name, int limit, String shadow) {
        return MmsProfile.newBuilder().setName(name).setMm1(InterfaceSettings.newBuilder()
                .setFlood(List.of(BrokerFixture.threshold(limit, 60, 0))).setShadow(shadow).build()).build();
    }

    private static MmsEnvelope envelope(String session, String sender, String profile) {
        return SampleEnvelopes.mm1Send().setSessionId(session).setSender(sender).setProfile(profile)
                .setReplyPartition(0).setReceivedAt(Instant.now()).build();
    }

    private static Map<String, Verdict> verdicts(List<ConsumerRecord<String, Decision>> decisions) {
        return decisions.stream().collect(java.util.stream.Collectors.toMap(r -> r.value().getSessionId(),
                r -> r.value().getVerdict()));
    }
}
