package io.mmsguard.notifier;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RateLimiter} per profile and interface, at the rate the profile in force sets: asked with the current
 * rate for every notice, so that a profile change takes effect at the next notice, without a restart. A changed
 * rate starts a new limiter (the old booking is dropped: at most one notice goes early). Thread-safe.
 */
public final class RateLimits {

    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    /**
     * @param key       profile and interface, e.g. {@code gold/MM1}
     * @param perSecond the rate of the profile in force, 0 (unlimited) to 250
     */
    public RateLimiter limiter(String key, int perSecond) {
        return limiters.compute(key, (k, old) -> old != null && old.perSecond() == perSecond ? old
                : new RateLimiter(perSecond));
    }

    /** The rate of the limiter last used for {@code key}; empty before its first notice. */
    public OptionalInt perSecond(String key) {
        RateLimiter l = limiters.get(key);
        return l == null ? OptionalInt.empty() : OptionalInt.of(l.perSecond());
    }
}
