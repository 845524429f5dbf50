package io.mmsguard.inspection.topology;

import static io.mmsguard.avro.ThresholdAction.BLOCK;
import static io.mmsguard.avro.ThresholdAction.LOG;
import static io.mmsguard.inspection.topology.TopologyFixture.SENDER;
import static io.mmsguard.inspection.topology.TopologyFixture.T0;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1Flood;
import static io.mmsguard.inspection.topology.TopologyFixture.profile;
import static io.mmsguard.inspection.topology.TopologyFixture.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.inspection.profile.ContentChecksum;
import io.mmsguard.inspection.topology.TopologyFixture.Result;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Failures stay with their message; corrupt state resets its key; idle keys are swept in event time. */
@ExtendWith(SharedRegistry.class)
class InspectionTopologyRobustnessTest {

    @TempDir
    Path stateDir;
    private TopologyFixture fx;

    @BeforeAll
    static void registry(ApicurioRegistry registry) {
        TopologyFixture.init(registry);
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private TopologyFixture start() {
        fx = new TopologyFixture(stateDir);
        return fx;
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void unknownDirectionOrInterfaceGetsATemporaryFailureAndTheNextMessageIsInspected() {
        start().publish(mm1Flood(threshold(10, 1, 0, BLOCK)));
        Result direction = fx.send(mm1(at(0)).setDirection(Direction.UNKNOWN));
        assertThat(direction.verdict()).isEqualTo(Verdict.TEMPORARY_FAILURE);
        assertThat(direction.reason()).isEqualTo(Reason.SCANNER_FAILURE);
        assertThat(direction.decision().getDetail()).isEqualTo("inspection failed: IllegalArgumentException");
        assertThat(direction.decision().getProfile()).isEqualTo("p");
        assertThat(direction.decision().getResponseStatus()).isNull();
        assertThat(direction.alerts()).isEmpty();
        assertThat(direction.archive()).isEmpty();
        assertThat(direction.log().getVerdict()).as("every temporary failure is logged (A19)")
                .isEqualTo(Verdict.TEMPORARY_FAILURE);
        assertThat(direction.log().getScans()).isEmpty();

        Result mmsInterface = fx.send(mm1(at(1)).setMmsInterface(MmsInterface.UNKNOWN));
        assertThat(mmsInterface.verdict()).isEqualTo(Verdict.TEMPORARY_FAILURE);
        assertThat(mmsInterface.reason()).isEqualTo(Reason.SCANNER_FAILURE);
        assertThat(fx.counter("mmsguard.inspection.failures", "stage", "sender")).isEqualTo(2);

        Result next = fx.send(mm1(at(2)));
        assertThat(next.verdict()).isEqualTo(Verdict.PASS);
        assertThat(next.log().getThresholds()).as("failed messages were not counted")
                .extracting(ThresholdCount::getCount).containsExactly(1L);
        assertThat(fx.send(mm1(at(3))).reason()).isEqualTo(Reason.FLOOD);
    }

    @Test
    void aDecisionForAPartitionTheTopicDoesNotHaveIsNotWrittenAndCounted() {
        start().publish(profile().build());
        fx.pipe(mm1(at(0)).setReplyPartition(7));
        assertThat(fx.readDecisions()).isEmpty();
        assertThat(fx.counter("mmsguard.inspection.unroutable.decisions")).isEqualTo(1);
        assertThat(fx.send(mm1(at(1))).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aCorruptFloodStateResetsThatKeyOnly() {
        start().publish(mm1Flood(threshold(10, 2, 0, BLOCK)));
        String key = "MM1|" + SENDER;
        fx.send(mm1(at(0)));
        fx.send(mm1(at(1)));
        fx.send(mm1("+4960000", at(0)));
        fx.send(mm1("+4960000", at(1)));
        assertThat(fx.floodStore().get(key)).isNotNull();

        fx.floodStore().put(key, new byte[] {99, 1, 2, 3});
        Result reset = fx.send(mm1(at(2)));
        assertThat(reset.verdict()).isEqualTo(Verdict.PASS);
        assertThat(reset.log().getThresholds()).extracting(ThresholdCount::getCount).containsExactly(1L);
        assertThat(fx.counter("mmsguard.inspection.state.corrupt", "store", "flood-state")).isEqualTo(1);
        assertThat(fx.send(mm1(at(3))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1(at(4))).reason()).isEqualTo(Reason.FLOOD);

        Result untouched = fx.send(mm1("+4960000", at(2)));
        assertThat(untouched.reason()).as("another key keeps its counts").isEqualTo(Reason.FLOOD);
        assertThat(untouched.decision().getThreshold().getCount()).isEqualTo(3);
    }

    /** A message whose only part has the given digest, so that its content checksum differs from the sample's. */
    private static MmsEnvelope.Builder other(String sender, Instant at, char digest) {
        return mm1(sender, at).setParts(List.of(SampleEnvelopes.part("text/plain", null, new byte[] {1}))
                .stream().peek(p -> p.setSha256(String.valueOf(digest).repeat(64))).toList());
    }

    @Test
    void idleKeysAreSweptOnceEventTimeHasPassedTheirWindowsAndBlockedKeysStay() {
        fx = new TopologyFixture(stateDir,
                new TopologySettings(TopicNames.defaults(), Duration.ofMinutes(1), 10_000));
        fx.publish(profile().setMm1(InterfaceSettings.newBuilder()
                .setFlood(List.of(threshold(1, 1, 10, BLOCK)))
                .setDuplicate(List.of(threshold(1, 100, 0, LOG))).build()).build());
        String idle = "+4970001";
        String blocked = "+4970002";
        String recent = "+4970003";
        String later = "+4970004";
        assertThat(fx.send(mm1(idle, at(0))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1(blocked, at(0))).verdict()).isEqualTo(Verdict.PASS);
        Result block = fx.send(mm1(blocked, at(1)));
        assertThat(block.reason()).isEqualTo(Reason.FLOOD);
        assertThat(block.decision().getThreshold().getBlockedUntil()).isEqualTo(at(1 + 600_000));
        fx.floodStore().put("MM1|+4970009", new byte[] {42});
        String sample = "MM1|" + ContentChecksum.of(mm1(idle, at(0)).build(), false);
        String recentChecksum = "MM1|" + ContentChecksum.of(other(recent, at(0), 'b').build(), false);
        String laterChecksum = "MM1|" + ContentChecksum.of(other(later, at(0), 'c').build(), false);

        fx.driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(fx.keys(fx.floodStore())).as("no event newer than T0 + 1 ms: only the undecodable key is idle")
                .containsExactlyInAnyOrder("MM1|" + idle, "MM1|" + blocked);
        assertThat(fx.keys(fx.duplicateStore())).containsExactly(sample);

        assertThat(fx.send(other(recent, at(120_000), 'b')).verdict()).isEqualTo(Verdict.PASS);
        fx.driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(fx.keys(fx.floodStore())).as("swept at event time T0 + 120 s")
                .containsExactlyInAnyOrder("MM1|" + blocked, "MM1|" + recent);
        assertThat(fx.keys(fx.duplicateStore())).containsExactly(recentChecksum);

        assertThat(fx.send(other(later, at(11 * 60_000), 'c')).verdict()).isEqualTo(Verdict.PASS);
        fx.driver.advanceWallClockTime(Duration.ofMinutes(9));
        assertThat(fx.keys(fx.floodStore())).as("the block ended at T0 + 10 min").containsExactly("MM1|" + later);
        assertThat(fx.keys(fx.duplicateStore())).containsExactly(laterChecksum);
        assertThat(fx.counter("mmsguard.inspection.state.purged", "store", "flood-state")).isEqualTo(4);
        assertThat(fx.counter("mmsguard.inspection.state.purged", "store", "duplicate-state")).isEqualTo(2);

        Result again = fx.send(mm1(blocked, at(11 * 60_000)));
        assertThat(again.verdict()).isEqualTo(Verdict.PASS);
        assertThat(again.log().getThresholds()).extracting(ThresholdCount::getCount).containsExactly(1L, 1L);
    }

    @Test
    void aSweepVisitsAtMostSweepMaxVisitsKeysAndContinuesWhereItStopped() {
        fx = new TopologyFixture(stateDir,
                new TopologySettings(TopicNames.defaults(), Duration.ofMinutes(1), 2));
        fx.publish(mm1Flood(threshold(1, 1, 10, BLOCK)));
        for (int i = 1; i <= 5; i++) {
            fx.send(mm1("+498000" + i, at(0)));
        }
        fx.send(mm1("+4980009", at(0)));
        assertThat(fx.send(mm1("+4980009", at(1))).reason()).isEqualTo(Reason.FLOOD);
        // Moves event time to T0 + 5 min, so that the sweeps below run at the wall clock.
        fx.send(mm1("+4980010", at(5 * 60_000)));

        fx.driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(fx.keys(fx.floodStore())).containsExactly("MM1|+4980003", "MM1|+4980004", "MM1|+4980005",
                "MM1|+4980009", "MM1|+4980010");
        fx.driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(fx.keys(fx.floodStore())).containsExactly("MM1|+4980005", "MM1|+4980009", "MM1|+4980010");
        fx.driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(fx.keys(fx.floodStore())).as("+4980009 is still blocked until T0 + 10 min")
                .containsExactly("MM1|+4980009", "MM1|+4980010");
        fx.driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(fx.keys(fx.floodStore())).containsExactly("MM1|+4980009", "MM1|+4980010");
    }

    /**
     * Idleness is in event time (receivedAt): while the application lags its input by more than a window (a restart
     * after an outage) the sweep must not delete the keys of the events being processed.
     */
    @Test
    void aSweepWhileLaggingBehindTheInputKeepsTheCountsOfTheEventsBeingProcessed() {
        fx = new TopologyFixture(stateDir,
                new TopologySettings(TopicNames.defaults(), Duration.ofMinutes(1), 10_000));
        fx.publish(mm1Flood(threshold(60, 2, 0, BLOCK)));
        fx.driver.advanceWallClockTime(Duration.ofHours(2));
        assertThat(fx.send(mm1(at(0))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1(at(1))).verdict()).isEqualTo(Verdict.PASS);

        fx.driver.advanceWallClockTime(Duration.ofMinutes(1));

        assertThat(fx.keys(fx.floodStore())).containsExactly("MM1|" + SENDER);
        Result third = fx.send(mm1(at(2)));
        assertThat(third.reason()).isEqualTo(Reason.FLOOD);
        assertThat(third.decision().getThreshold().getCount()).isEqualTo(3);
    }
}
