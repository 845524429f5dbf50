package io.mmsguard.gateway.http;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * At most one warning per interval for an event an attacker can repeat at will (a refused connection), so that the
 * log stays readable and cheap under a flood; the events in between are counted and reported with the next warning.
 * Pure logic on a nanosecond clock.
 */
final class WarningThrottle {
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private boolean warned;
    private long lastWarning;
    private long suppressed;

    WarningThrottle(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** @return -1 when this event is not to be warned about; else how many were not since the last warning */
    synchronized long warn() {
        long now = nanoClock.getAsLong();
        if (warned && now - lastWarning < intervalNanos) {
            suppressed++;
            return -1;
        }
        warned = true;
        lastWarning = now;
        long before = suppressed;
        suppressed = 0;
        return before;
    }
}
