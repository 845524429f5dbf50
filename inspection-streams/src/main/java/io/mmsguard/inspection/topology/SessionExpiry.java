package io.mmsguard.inspection.topology;

import java.util.function.LongSupplier;

/**
 * Whether the gateway still holds a message's session: the one place that judges it. A session starts, for this
 * purpose, at the broker's append time of its mms.inbound record (the topic is LogAppendTime, so no gateway clock is
 * trusted) and lasts the envelope's {@code sessionTimeoutMs}; it has expired once that sum is before this instance's
 * wall clock. The gateway started its own timer before it published, so it gave up no later than that (give or take
 * the skew between this instance and the brokers): an expired session is one nobody waits for.
 */
public final class SessionExpiry {
    private final LongSupplier wallClockMillis;

    /** @param wallClockMillis this instance's wall clock (the stream thread's, in the topology) */
    public SessionExpiry(LongSupplier wallClockMillis) {
        this.wallClockMillis = wallClockMillis;
    }

    /**
     * @param appendedAtMillis the record's timestamp: the broker's append time; negative when the record has none
     * @param sessionTimeoutMs the envelope's; null (an older gateway) or negative: unknown, never expires
     */
    public boolean expired(long appendedAtMillis, Long sessionTimeoutMs) {
        if (sessionTimeoutMs == null || sessionTimeoutMs < 0 || appendedAtMillis < 0) {
            return false;
        }
        long end = appendedAtMillis + sessionTimeoutMs;
        // An overflow means an end beyond any clock.
        return end >= appendedAtMillis && end < wallClockMillis.getAsLong();
    }
}
