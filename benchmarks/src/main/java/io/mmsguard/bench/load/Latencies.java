package io.mmsguard.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** Latency histograms in microseconds, 3 significant digits, reported in milliseconds. */
final class Latencies {
    private Latencies() {
    }

    static Histogram histogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    static void record(Histogram h, long nanos) {
        h.recordValue(Math.max(0, Math.min(nanos / 1000, h.getHighestTrackableValue())));
    }

    /** count, mean, p50, p95, p99, p99.9 and max in ms (null when empty). */
    static Map<String, Object> summary(Histogram h) {
        if (h.getTotalCount() == 0) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("mean_ms", ms(h.getMean()));
        m.put("p50_ms", ms(h.getValueAtPercentile(50)));
        m.put("p95_ms", ms(h.getValueAtPercentile(95)));
        m.put("p99_ms", ms(h.getValueAtPercentile(99)));
        m.put("p99_9_ms", ms(h.getValueAtPercentile(99.9)));
        m.put("max_ms", ms(h.getMaxValue()));
        return m;
    }

    private static double ms(double micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
