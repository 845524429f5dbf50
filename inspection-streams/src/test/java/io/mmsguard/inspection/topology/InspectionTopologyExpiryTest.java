package io.mmsguard.inspection.topology;

import static io.mmsguard.avro.ThresholdAction.BLOCK;
import static io.mmsguard.inspection.topology.TopologyFixture.SENDER;
import static io.mmsguard.inspection.topology.TopologyFixture.T0;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1Duplicate;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1Flood;
import static io.mmsguard.inspection.topology.TopologyFixture.profile;
import static io.mmsguard.inspection.topology.TopologyFixture.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.avro.internal.SenderStageOutcome;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/**
 * Sessions that expired before the topology processed them (append time + sessionTimeoutMs before the instance's
 * wall clock, which the driver holds at T0): fail-closed, neither inspected nor counted, no decision, an EXPIRED
 * inspection-log record; fail-open, counted and decided as ever. Stage 2 judges again.
 */
class InspectionTopologyExpiryTest extends TopologyTestSupport {
    private static final long TIMEOUT_MS = 5_000;
    private static final Instant EXPIRED = T0.minusMillis(TIMEOUT_MS + 1);
    private static final Instant FRESH = T0.minusMillis(TIMEOUT_MS);

    private static MmsEnvelope.Builder held(long receivedMillis) {
        return mm1(at(receivedMillis)).setSessionTimeoutMs(TIMEOUT_MS);
    }

    @Test
    void anExpiredFailClosedSessionIsNotCountedAndGetsOnlyAnExpiredLogRecord() {
        fx.publish(mm1Flood(threshold(1, 1, 0, BLOCK)));

        String expired = fx.pipe(held(0), EXPIRED);

        assertThat(fx.readDecisions()).isEmpty();
        List<KeyValue<String, InspectionLog>> logs = fx.readLogs();
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).key).isEqualTo(SENDER);
        InspectionLog log = logs.get(0).value;
        assertThat(log.getSessionId()).isEqualTo(expired);
        assertThat(log.getVerdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(log.getReason()).isEqualTo(Reason.NONE);
        assertThat(log.getDetail()).startsWith("sender stage: session expired");
        assertThat(log.getScans()).isEmpty();
        assertThat(log.getThresholds()).isEmpty();
        assertThat(log.getProfile()).isEqualTo("p");
        assertThat(log.getProfileVersion()).isEqualTo(7);
        assertThat(log.getDecidedAt()).isEqualTo(T0);
        assertThat(fx.keys(fx.floodStore())).isEmpty();
        assertThat(fx.counter("mmsguard.inspection.sessions.expired", "interface", "MM1", "stage", "sender"))
                .isEqualTo(1);
        assertThat(fx.meters.find("mmsguard.inspection.decisions").counters()).isEmpty();

        // The retry, fresh, is the first message counted: within the limit of one.
        String retry = fx.pipe(held(10), FRESH);
        assertThat(onlyDecision(retry).getVerdict()).isEqualTo(Verdict.PASS);
        String next = fx.pipe(held(20), T0);
        assertThat(onlyDecision(next).getVerdict()).as("the second counted message").isEqualTo(Verdict.BLOCK);
    }

    @Test
    void anExpiredFailOpenSessionIsCountedAndDecided() {
        fx.publish(profile().setMm1(InterfaceSettings.newBuilder().setFailOpen(true)
                .setFlood(List.of(threshold(1, 1, 0, BLOCK))).build()).build());

        String expired = fx.pipe(held(0), EXPIRED);
        assertThat(onlyDecision(expired).getVerdict()).isEqualTo(Verdict.PASS);
        String next = fx.pipe(held(10), T0);
        Decision blocked = onlyDecision(next);
        assertThat(blocked.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(blocked.getDetail()).isEqualTo("flood threshold 1: 2 in 1 min > limit 1");
        assertThat(fx.counter("mmsguard.inspection.sessions.expired", "interface", "MM1", "stage", "sender")).isZero();
    }

    @Test
    void anEnvelopeWithoutSessionTimeoutNeverExpires() {
        fx.publish(mm1Flood(threshold(1, 1, 0, BLOCK)));
        String old = fx.pipe(mm1(at(0)), Instant.parse("2001-01-01T00:00:00Z"));
        assertThat(onlyDecision(old).getVerdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aSessionFreshInStageOneButExpiredByStageTwoIsNotCountedAsADuplicateAndGetsNoDecision() {
        fx.publish(mm1Duplicate(threshold(10, 2, 0, BLOCK)));
        String first = fx.pipe(held(0), T0);
        assertThat(onlyDecision(first).getVerdict()).isEqualTo(Verdict.PASS);
        List<SenderStageOutcome> staged = fx.repartitioned();
        assertThat(staged).hasSize(1);
        fx.readLogs();

        // The same content from another session, as stage 1 handed it on, reaching stage 2 after its timeout.
        SenderStageOutcome late = SenderStageOutcome.newBuilder(staged.get(0))
                .setEnvelope(MmsEnvelope.newBuilder(staged.get(0).getEnvelope()).setSessionId("late").build())
                .build();
        fx.pipeToStage2(late.getChecksum(), late, EXPIRED);

        assertThat(fx.readDecisions()).isEmpty();
        List<KeyValue<String, InspectionLog>> logs = fx.readLogs();
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).value.getSessionId()).isEqualTo("late");
        assertThat(logs.get(0).value.getVerdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(logs.get(0).value.getDetail()).startsWith("checksum stage: session expired");
        assertThat(fx.counter("mmsguard.inspection.sessions.expired", "interface", "MM1", "stage", "checksum"))
                .isEqualTo(1);

        // Counted: the first and these two; the late one is not, so the limit of two is reached only now.
        assertThat(onlyDecision(fx.pipe(held(10), T0)).getVerdict()).isEqualTo(Verdict.PASS);
        Decision third = onlyDecision(fx.pipe(held(20), T0));
        assertThat(third.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(third.getDetail()).isEqualTo("duplicate threshold 1: 3 in 10 min > limit 2");
    }

    private Decision onlyDecision(String sessionId) {
        List<KeyValue<String, Decision>> decisions = fx.readDecisions();
        assertThat(decisions).as("decisions for %s", sessionId).hasSize(1);
        assertThat(decisions.get(0).key).isEqualTo(sessionId);
        fx.readLogs();
        return decisions.get(0).value;
    }
}
