package io.mmsguard.gateway.http;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * At most one warning per interval for an event an attacker can repeat at will (a refused connection), so that the
 * log stays readable and cheap under a flood; the events in between are counted and reported with the next warning.
 * Shared by all connections of a listener.
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

    /** Logs {@code message} as a warning if the interval allows, with the number not logged since; else at debug. */
    void log(Logger log, String message) {
        long unlogged = permit();
        if (unlogged >= 0) {
            log.warn("{} ({} more not logged since the last)", message, unlogged);
        } else if (log.isDebugEnabled()) {
            log.debug(message);
        }
    }

    /** @return -1 when this event is not to be warned about; else how many were not since the last warning */
    synchronized long permit() {
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
