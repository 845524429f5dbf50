package io.mmsguard.inspection.threshold;

import static io.mmsguard.inspection.threshold.Keys.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The bucketed count against a naive reference that keeps every timestamp. */
class BucketedCountProperties {

    private static final int NO_LIMIT = Integer.MAX_VALUE;

    @Property
    void staysWithinOneBucketOfTheExactWindow(@ForAll @IntRange(min = 1, max = 2880) int windowMinutes,
                                              @ForAll @Size(max = 200) List<@LongRange(max = 7_200_000) Long> gaps) {
        long window = windowMinutes * 60_000L;
        long width = window / BucketRing.BUCKETS;
        Keys key = new Keys(Threshold.of(windowMinutes, NO_LIMIT, 0, ThresholdAction.LOG));
        List<Long> seen = new ArrayList<>();
        long t = T0 + 12_345;
        for (long gap : gaps) {
            t += gap % (2 * window);
            seen.add(t);
            long count = key.send(t).results().get(0).count();
            long exact = countIn(seen, t - window + 1, t);
            long shortened = countIn(seen, t - window + width, t);
            assertThat(count).isBetween(shortened, exact);
        }
    }

    @Property
    void lateEventsStayWithinTheSameBounds(@ForAll @IntRange(min = 1, max = 2880) int windowMinutes,
                                           @ForAll @Size(max = 200) List<@LongRange(max = 7_200_000) Long> gaps,
                                           @ForAll @Size(max = 200) List<@LongRange(max = 1_000_000_000) Long> lags) {
        long window = windowMinutes * 60_000L;
        long width = window / BucketRing.BUCKETS;
        Keys key = new Keys(Threshold.of(windowMinutes, NO_LIMIT, 0, ThresholdAction.LOG));
        List<Long> seen = new ArrayList<>();
        long newest = T0;
        long t = T0;
        for (int i = 0; i < gaps.size(); i++) {
            t += gaps.get(i) % (2 * window);
            // Up to one window minus one bucket late: every such event still lands in a bucket of the ring.
            long lag = i < lags.size() ? lags.get(i) % (window - width) : 0;
            long event = Math.max(T0, t - lag);
            newest = Math.max(newest, event);
            seen.add(event);
            long count = key.send(event).results().get(0).count();
            assertThat(count).isBetween(countIn(seen, newest - window + width, newest),
                    countIn(seen, newest - window + 1, newest));
        }
    }

    @Property
    void isExactWhenEventsFallOnBucketStarts(@ForAll @IntRange(min = 1, max = 2880) int windowMinutes,
                                             @ForAll @Size(max = 200) List<@IntRange(max = 130) Integer> bucketGaps,
                                             @ForAll @LongRange(max = 100_000) long queryOffset) {
        long window = windowMinutes * 60_000L;
        long width = window / BucketRing.BUCKETS;
        Keys key = new Keys(Threshold.of(windowMinutes, NO_LIMIT, 0, ThresholdAction.LOG));
        List<Long> seen = new ArrayList<>();
        long t = Math.floorDiv(T0, width) * width;
        for (int gap : bucketGaps) {
            t += gap * width;
            seen.add(t);
            assertThat(key.send(t).results().get(0).count()).isEqualTo(countIn(seen, t - window + 1, t));
        }
        // Any later query time, aligned or not, sees the exact count of the aligned events.
        long query = t + queryOffset % (2 * window);
        long viewed = key.explain(query).get(0).count();
        assertThat(viewed).isEqualTo(countIn(seen, query - window + 1, query));
    }

    @Property
    void theOrderOfEventsWithinAWindowDoesNotChangeTheCounts(
            @ForAll @IntRange(min = 2, max = 2880) int windowMinutes,
            @ForAll @Size(min = 1, max = 100) List<@LongRange(max = 1_000_000_000) Long> offsets,
            @ForAll long seed) {
        long window = windowMinutes * 60_000L;
        long span = window - 2 * (window / BucketRing.BUCKETS);
        List<Long> times = offsets.stream().map(o -> T0 + o % span).toList();
        List<Long> shuffled = new ArrayList<>(times);
        Collections.shuffle(shuffled, new Random(seed));
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);

        Threshold th = Threshold.of(windowMinutes, NO_LIMIT, 0, ThresholdAction.LOG);
        Keys inOrder = new Keys(th);
        sorted.forEach(inOrder::send);
        Keys outOfOrder = new Keys(th);
        shuffled.forEach(outOfOrder::send);
        assertThat(outOfOrder.state()).isEqualTo(inOrder.state());
        assertThat(outOfOrder.state().slot(0).ring.total()).isEqualTo(times.size());
    }

    private static long countIn(List<Long> times, long fromInclusive, long toInclusive) {
        return times.stream().filter(x -> x >= fromInclusive && x <= toInclusive).count();
    }
}
