package io.mmsguard.inspection.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.inspection.threshold.ThresholdAction;
import io.mmsguard.inspection.threshold.ThresholdResult;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThresholdCountsTest {

    @Test
    void mapsEveryField() {
        ThresholdResult r = new ThresholdResult(2, 30, 100, 101, true,
                Set.of(ThresholdAction.BLOCK, ThresholdAction.LOG), OptionalLong.of(1_764_000_900_000L));
        ThresholdCount c = ThresholdCounts.toAvro(ThresholdKind.FLOOD, r);
        assertThat(c.getKind()).isEqualTo(ThresholdKind.FLOOD);
        assertThat(c.getIndex()).isEqualTo(2);
        assertThat(c.getWindowMinutes()).isEqualTo(30);
        assertThat(c.getLimit()).isEqualTo(100);
        assertThat(c.getCount()).isEqualTo(101);
        assertThat(c.getExceeded()).isTrue();
        assertThat(c.getActions()).containsExactly(io.mmsguard.avro.ThresholdAction.LOG,
                io.mmsguard.avro.ThresholdAction.BLOCK);
        assertThat(c.getBlockedUntil()).isEqualTo(Instant.ofEpochMilli(1_764_000_900_000L));

        ThresholdCount none = ThresholdCounts.toAvro(ThresholdKind.DUPLICATE,
                new ThresholdResult(1, 60, 5, 3, false, Set.of(), OptionalLong.empty()));
        assertThat(none.getBlockedUntil()).isNull();
        assertThat(none.getActions()).isEmpty();
    }

    @Test
    void everyCoreActionHasAnAvroSymbol() {
        for (ThresholdAction a : ThresholdAction.values()) {
            assertThat(io.mmsguard.avro.ThresholdAction.valueOf(a.name()).name()).isEqualTo(a.name());
        }
    }
}
