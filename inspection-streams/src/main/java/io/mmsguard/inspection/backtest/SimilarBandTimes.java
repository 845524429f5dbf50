package io.mmsguard.inspection.backtest;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.mmsguard.inspection.topology.StateKeys;

/**
 * When the replayed messages that the similar-content check counted were appended, per band key: whether a message
 * had a band in common with another one appended close to it, so that live the two may have met in the by-band
 * partition in either order (stage 2 hands them over from several tasks concurrently; nothing records that order).
 */
final class SimilarBandTimes {
    /** How close two appends must be for their order in the band step to be open: about a commit interval or ten. */
    static final Duration CLOSE = Duration.ofSeconds(1);

    private final Map<String, long[]> times;

    private SimilarBandTimes(Map<String, long[]> times) {
        this.times = times;
    }

    /**
     * @param asked the messages whose band neighbours will be asked for: only their band keys are indexed (a large
     *              campaign's bands are many times its messages)
     */
    static SimilarBandTimes of(List<Replayed> replayed, Predicate<Replayed> asked) {
        Set<String> wanted = new HashSet<>();
        replayed.stream().filter(asked).forEach(r -> wanted.addAll(keys(r)));
        Map<String, long[]> times = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        if (!wanted.isEmpty()) {
            for (Replayed r : replayed) {
                for (String key : keys(r)) {
                    if (wanted.contains(key)) {
                        int n = sizes.merge(key, 1, Integer::sum);
                        long[] t = times.computeIfAbsent(key, k -> new long[4]);
                        if (n > t.length) {
                            t = Arrays.copyOf(t, t.length * 2);
                            times.put(key, t);
                        }
                        t[n - 1] = r.record().timestamp();
                    }
                }
            }
        }
        times.replaceAll((key, t) -> {
            long[] sorted = Arrays.copyOf(t, sizes.get(key));
            Arrays.sort(sorted);
            return sorted;
        });
        return new SimilarBandTimes(times);
    }

    /** The band keys {@code r} was counted under: {@code <interface>|<band>}. */
    static List<String> keys(Replayed r) {
        return r.similarBands().stream().map(b -> StateKeys.of(r.record().envelope().getMmsInterface(), b)).toList();
    }

    /** A band key of {@code r} that another message had within {@link #CLOSE} of its append time, or null. */
    String closeCopy(Replayed r) {
        long t = r.record().timestamp();
        for (String key : keys(r)) {
            long[] sorted = times.get(key);
            if (sorted != null && within(sorted, t - CLOSE.toMillis(), t + CLOSE.toMillis()) > 1) {
                return key;
            }
        }
        return null;
    }

    /** How many of {@code sorted} lie in [from, to]. */
    private static int within(long[] sorted, long from, long to) {
        return firstAtLeast(sorted, to + 1) - firstAtLeast(sorted, from);
    }

    private static int firstAtLeast(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
