package io.mmsguard.notifier;

import io.mmsguard.inspection.profile.NotificationSettingsRule;
import java.time.Duration;
import java.time.Instant;

/**
 * Notices per second (FortiOS rate-limit; 0 = unlimited), without sleeping: the caller says what time it is and
 * learns when the next notice may go. It is a token bucket holding at most one token, refilled at
 * {@code perSecond} tokens a second, i.e. notices are spaced at least {@code ceil(1e9 / perSecond)} ns apart, so no
 * interval of one second ever holds more than {@code perSecond} notices and no burst is possible after a quiet spell.
 * <p>
 * {@link #reserve} books a slot: calling it for every notice, in any order of {@code now}, gives each notice its own
 * send time. Thread-safe.
 */
public final class RateLimiter {

    public static final int MAX_PER_SECOND = NotificationSettingsRule.MAX_RATE_PER_SECOND;

    private final int perSecond;
    private final long spacingNanos;
    private Instant nextFree;

    /** @param perSecond 0 (unlimited) to 250 */
    public RateLimiter(int perSecond) {
        if (perSecond < 0 || perSecond > MAX_PER_SECOND) {
            throw new IllegalArgumentException("rate limit must be 0-250 per second: " + perSecond);
        }
        this.perSecond = perSecond;
        this.spacingNanos = perSecond == 0 ? 0 : (1_000_000_000L + perSecond - 1) / perSecond;
    }

    public int perSecond() {
        return perSecond;
    }

    public boolean unlimited() {
        return spacingNanos == 0;
    }

    public Duration spacing() {
        return Duration.ofNanos(spacingNanos);
    }

    /** The earliest time a notice could go if it were booked now, without booking it. */
    public synchronized Instant peek(Instant now) {
        return nextFree == null || now.isAfter(nextFree) ? now : nextFree;
    }

    /** Books the next slot at or after {@code now} and returns it; the notice must not be sent before then. */
    public synchronized Instant reserve(Instant now) {
        Instant at = peek(now);
        if (!unlimited()) {
            nextFree = at.plusNanos(spacingNanos);
        }
        return at;
    }
}
