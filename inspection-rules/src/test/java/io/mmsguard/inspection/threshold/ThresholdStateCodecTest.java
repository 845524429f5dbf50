package io.mmsguard.inspection.threshold;

import static io.mmsguard.inspection.threshold.Keys.MINUTE;
import static io.mmsguard.inspection.threshold.Keys.T0;
import static io.mmsguard.inspection.threshold.ThresholdAction.BLOCK;
import static io.mmsguard.inspection.threshold.ThresholdAction.LOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdStateCodecTest {

    @Test
    void theEmptyStateIsTwoBytes() {
        assertThat(ThresholdStateCodec.encode(ThresholdState.EMPTY)).containsExactly(1, 0);
        assertThat(ThresholdStateCodec.decode(new byte[] {1, 0}).isEmpty()).isTrue();
    }

    @Test
    void aSenderWithOneMessageCostsAFewBytes() {
        Keys key = new Keys(Threshold.of(60, 100, 0, LOG));
        key.send(T0);
        byte[] bytes = ThresholdStateCodec.encode(key.state());
        // version, presence, stream time (6), window (1), flags, n = 1, one count
        assertThat(bytes).hasSizeLessThanOrEqualTo(12);
    }

    @Test
    void theWorstCaseStaysWithinTheBound() {
        List<Threshold> ths = List.of(Threshold.of(1, 1, 35791, BLOCK), Threshold.of(2880, 1, 35791, BLOCK),
                Threshold.of(1440, 1, 35791, BLOCK));
        ThresholdState s = ThresholdState.EMPTY;
        for (int second = 0; second < 60; second++) {
            for (int i = 0; i < 50; i++) {
                s = ThresholdEvaluator.evaluate(s, T0 + second * 1000L, ths).state();
            }
        }
        // Fill every bucket of the 1-minute ring to the int maximum: the widest count varint.
        for (Slot slot : new Slot[] {s.slot(0), s.slot(1), s.slot(2)}) {
            int[] full = new int[BucketRing.BUCKETS];
            java.util.Arrays.fill(full, Integer.MAX_VALUE);
            slot.ring.setAges(full);
        }
        byte[] bytes = ThresholdStateCodec.encode(s);
        assertThat(bytes.length).isLessThanOrEqualTo(ThresholdStateCodec.MAX_SIZE).isGreaterThan(900);
        assertThat(ThresholdStateCodec.decode(bytes)).isEqualTo(s);
        assertThat(ThresholdStateCodec.MAX_SIZE).isLessThan(1024);
    }

    @Test
    void unknownVersionsAndTrailingBytesAreRejected() {
        assertThatThrownBy(() -> ThresholdStateCodec.decode(new byte[] {2, 0})).hasMessageContaining("version 2");
        assertThatThrownBy(() -> ThresholdStateCodec.decode(new byte[] {1, 0, 0})).hasMessageContaining("trailing");
        assertThatThrownBy(() -> ThresholdStateCodec.decode(new byte[] {1, 8})).hasMessageContaining("presence");
        assertThatThrownBy(() -> ThresholdStateCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlockSurvivesTheStore() {
        Keys key = new Keys(Threshold.of(60, 1, 30, BLOCK));
        key.send(T0, 2);
        ThresholdState back = ThresholdStateCodec.decode(ThresholdStateCodec.encode(key.state()));
        Outcome o = ThresholdEvaluator.evaluate(back, T0 + 29 * MINUTE, List.of(Threshold.of(60, 1, 30, BLOCK)))
                .outcome();
        assertThat(o.blocked()).isTrue();
        assertThat(o.blockedUntil()).hasValue(T0 + 59 * MINUTE);
    }
}
