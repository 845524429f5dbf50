package io.mmsguard.inspection.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most one log line per key and interval, so that a condition hit by every message (a shadow profile that does
 * not exist) is logged, not repeated thousands of times a second. Keys are bounded: past {@code maxKeys} the map is
 * cleared, which only lets a line through early.
 */
final class LogLimiter {
    private final long intervalMillis;
    private final int maxKeys;
    private final LongSupplier clock;
    private final Map<String, Long> last = new ConcurrentHashMap<>();

    LogLimiter(long intervalMillis, int maxKeys, LongSupplier clock) {
        this.intervalMillis = intervalMillis;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Whether a line about {@code key} may be logged now; if so, the next one may come after the interval. */
    boolean allow(String key) {
        long now = clock.getAsLong();
        Long previous = last.get(key);
        if (previous != null && now - previous < intervalMillis) {
            return false;
        }
        if (last.size() >= maxKeys) {
            last.clear();
        }
        last.put(key, now);
        return true;
    }
}
