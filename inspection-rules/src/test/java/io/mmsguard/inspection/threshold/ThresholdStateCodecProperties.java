package io.mmsguard.inspection.threshold;

import static io.mmsguard.inspection.threshold.Keys.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class ThresholdStateCodecProperties {

    record Step(long gap, int thresholdSet) {
    }

    @Property
    void roundTripsEveryReachableState(@ForAll("profiles") List<List<Threshold>> profiles,
                                       @ForAll @Size(max = 120) List<@LongRange(max = 3_600_000) Long> gaps) {
        ThresholdState state = ThresholdState.EMPTY;
        long t = T0;
        int i = 0;
        for (long gap : gaps) {
            t += gap;
            List<Threshold> ths = profiles.get(i++ % profiles.size());
            state = ThresholdEvaluator.evaluate(state, i % 7 == 0 ? t - gap / 2 : t, ths).state();
            byte[] bytes = ThresholdStateCodec.encode(state);
            ThresholdState back = ThresholdStateCodec.decode(bytes);
            assertThat(back).isEqualTo(state);
            assertThat(ThresholdStateCodec.encode(back)).isEqualTo(bytes);
            assertThat(back.idleAt()).isEqualTo(state.idleAt());
            assertThat(bytes.length).isLessThanOrEqualTo(ThresholdStateCodec.MAX_SIZE);
            // What comes next is the same whether or not the state went through the store.
            assertThat(ThresholdEvaluator.evaluate(back, t + 1, ths))
                    .isEqualTo(ThresholdEvaluator.evaluate(state, t + 1, ths));
        }
    }

    @Property
    void everyTruncationIsRejected(@ForAll("profiles") List<List<Threshold>> profiles,
                                   @ForAll @Size(min = 1, max = 30) List<@LongRange(max = 600_000) Long> gaps) {
        ThresholdState state = ThresholdState.EMPTY;
        long t = T0;
        for (long gap : gaps) {
            t += gap;
            state = ThresholdEvaluator.evaluate(state, t, profiles.get(0)).state();
        }
        byte[] bytes = ThresholdStateCodec.encode(state);
        for (int n = 0; n < bytes.length; n++) {
            byte[] prefix = Arrays.copyOf(bytes, n);
            assertThatThrownBy(() -> ThresholdStateCodec.decode(prefix)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Provide
    Arbitrary<List<List<Threshold>>> profiles() {
        return thresholds().list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(3);
    }

    private Arbitrary<Threshold> thresholds() {
        return Combinators.combine(
                Arbitraries.of(true, true, false),
                Arbitraries.of(1, 2, 5, 30, 60, 90, 2880),
                Arbitraries.integers().between(1, 20),
                Arbitraries.subsetOf(ThresholdAction.values()),
                Arbitraries.of(0, 1, 15, 35791)
        ).as((enabled, window, limit, actions, block) -> new Threshold(enabled, window, limit,
                actions.isEmpty() ? Set.of() : EnumSet.copyOf(actions), block));
    }
}
