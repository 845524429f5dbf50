package io.mmsguard.inspection.topology;

import static io.mmsguard.avro.ThresholdAction.BLOCK;
import static io.mmsguard.inspection.topology.TopologyFixture.SENDER;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1Duplicate;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1Flood;
import static io.mmsguard.inspection.topology.TopologyFixture.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.StateReset;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.profile.ContentChecksum;
import org.junit.jupiter.api.Test;

/**
 * Operators' resets on mms.state-resets: a FLOOD reset reaches the sender stage's store through the co-partitioned
 * topic, a DUPLICATE reset the checksum stage's store through the resets-by-checksum repartition; either clears the
 * counts and the block timer of one interface or of all.
 */
class InspectionTopologyResetTest extends TopologyTestSupport {
    private static final long MINUTE = 60_000;

    @Test
    void aBlockedSenderPassesAtOnceAfterAReset() {
        // A 60-minute block after the third message in a minute.
        fx.publish(mm1Flood(threshold(1, 2, 60, BLOCK)));
        fx.send(mm1(at(0)));
        fx.send(mm1(at(1)));
        assertThat(fx.send(mm1(at(2))).reason()).isEqualTo(Reason.FLOOD);
        assertThat(fx.send(mm1(at(10 * MINUTE))).reason()).as("still in the block").isEqualTo(Reason.FLOOD);

        fx.reset(reset(ThresholdKind.FLOOD, SENDER, null));

        assertThat(fx.keys(fx.floodStore())).isEmpty();
        TopologyFixture.Result next = fx.send(mm1(at(10 * MINUTE + 1)));
        assertThat(next.verdict()).isEqualTo(Verdict.PASS);
        assertThat(next.log().getThresholds()).singleElement()
                .satisfies(t -> assertThat(t.getCount()).as("counted from one again").isEqualTo(1L));
        assertThat(fx.counter("mmsguard.inspection.state.resets", "store", "flood-state", "outcome", "cleared"))
                .isEqualTo(1);
    }

    @Test
    void aResetOfOneInterfaceLeavesTheOthers() {
        fx.publish(mm1Flood(threshold(1, 2, 60, BLOCK)));
        for (int i = 0; i < 3; i++) {
            fx.send(mm1(at(i)));
        }
        // The same sender's MM4 state, as the MM1 state is (the stage counts interfaces apart).
        fx.floodStore().put("MM4|" + SENDER, fx.floodStore().get("MM1|" + SENDER));

        fx.reset(reset(ThresholdKind.FLOOD, SENDER, MmsInterface.MM4));
        assertThat(fx.keys(fx.floodStore())).containsExactly("MM1|" + SENDER);
        assertThat(fx.send(mm1(at(3))).reason()).as("MM1 still blocked").isEqualTo(Reason.FLOOD);

        fx.reset(reset(ThresholdKind.FLOOD, SENDER, MmsInterface.MM1));
        assertThat(fx.keys(fx.floodStore())).isEmpty();
        assertThat(fx.send(mm1(at(4))).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aChecksumResetReachesTheDuplicateStage() {
        fx.publish(mm1Duplicate(threshold(10, 2, 60, BLOCK)));
        MmsEnvelope.Builder copy = mm1("+4911", at(0));
        String checksum = ContentChecksum.of(copy.build(), false);
        fx.send(copy);
        fx.send(mm1("+4912", at(1)));
        assertThat(fx.send(mm1("+4913", at(2))).reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(fx.send(mm1("+4914", at(MINUTE))).reason()).as("still in the block").isEqualTo(Reason.DUPLICATE);

        fx.reset(reset(ThresholdKind.FLOOD, checksum, null));
        assertThat(fx.keys(fx.duplicateStore())).as("a FLOOD reset does not touch the duplicate store")
                .containsExactly("MM1|" + checksum);

        fx.reset(reset(ThresholdKind.DUPLICATE, checksum, null));
        assertThat(fx.keys(fx.duplicateStore())).isEmpty();
        assertThat(fx.send(mm1("+4915", at(MINUTE + 1))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.counter("mmsguard.inspection.state.resets", "store", "duplicate-state", "outcome", "cleared"))
                .isEqualTo(1);
    }

    @Test
    void aResetThatCannotBeAppliedIsCountedNotDropped() {
        fx.publish(mm1Flood(threshold(1, 2, 60, BLOCK)));
        fx.send(mm1(at(0)));
        StateReset wrongKey = reset(ThresholdKind.FLOOD, SENDER, null);
        // Keyed by another sender: the partition it went to does not own SENDER's state.
        fx.resetKeyedBy("+4999", wrongKey);
        fx.reset(reset(ThresholdKind.UNKNOWN, SENDER, null));
        fx.reset(reset(ThresholdKind.FLOOD, "+4900", null));

        assertThat(fx.keys(fx.floodStore())).containsExactly("MM1|" + SENDER);
        assertThat(fx.counter("mmsguard.inspection.state.resets", "store", "flood-state", "outcome", "rejected"))
                .isEqualTo(2);
        assertThat(fx.counter("mmsguard.inspection.state.resets", "store", "flood-state", "outcome", "empty"))
                .isEqualTo(1);
    }

    private static StateReset reset(ThresholdKind kind, String key, MmsInterface mmsInterface) {
        return StateReset.newBuilder().setKind(kind).setKey(key).setMmsInterface(mmsInterface).setAuthor("alice")
                .setRequestedAt(Instant.parse("2026-11-24T11:00:00Z")).setReason("ticket 42").build();
    }
}
