package io.mmsguard.gateway.session;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Whether decisions come back, as a readiness condition: it fails after {@code failuresToTrip} sessions in a row got
 * no decision (timed out, or the envelope could not be published), and holds again at the next decision (a late one
 * too: it shows the round trip works). Not ready means a load balancer sends no new clients, so no decision might
 * ever come to clear it: {@code hold} after it tripped it holds again unless {@code failuresToTrip} more sessions
 * failed meanwhile (clients on open connections, or the next ones a load balancer sends, are the probe), and when Kafka answers again after an outage
 * ({@link #rearm}), failures of sessions started before that moment no longer count.
 */
public final class RoundTrips {
    private final int failuresToTrip;
    private final Duration hold;
    private final LongSupplier nanos;
    private int failuresInARow;
    private int failuresSinceTrip;
    private long trippedAt;
    private boolean tripped;
    private long rearmedAt;

    public RoundTrips(int failuresToTrip, Duration hold, LongSupplier nanos) {
        if (failuresToTrip < 1) {
            throw new IllegalArgumentException("failuresToTrip must be at least 1");
        }
        this.failuresToTrip = failuresToTrip;
        this.hold = hold;
        this.nanos = nanos;
        this.rearmedAt = nanos.getAsLong();
    }

    /** A decision arrived, in time or late. */
    public synchronized void decided() {
        failuresInARow = 0;
        tripped = false;
    }

    /**
     * A session got no decision.
     *
     * @param startedNanos when the session started ({@code System.nanoTime()} scale): sessions from before the last
     *                     {@link #rearm} failed for the reason that is gone
     */
    public synchronized void failed(long startedNanos) {
        if (startedNanos - rearmedAt < 0) {
            return;
        }
        failuresInARow++;
        failuresSinceTrip++;
        if (!tripped && failuresInARow >= failuresToTrip) {
            trip();
        }
    }

    private void trip() {
        tripped = true;
        trippedAt = nanos.getAsLong();
        failuresSinceTrip = 0;
    }

    /** Forget the failures so far: what caused them (Kafka gone) is over. */
    public synchronized void rearm() {
        rearmedAt = nanos.getAsLong();
        failuresInARow = 0;
        tripped = false;
    }

    public synchronized Optional<String> problem() {
        if (!tripped) {
            return Optional.empty();
        }
        if (nanos.getAsLong() - trippedAt - hold.toNanos() > 0) {
            if (failuresSinceTrip >= failuresToTrip) {
                trip();
            } else {
                failuresInARow = 0;
                tripped = false;
                return Optional.empty();
            }
        }
        return Optional.of("the last " + failuresInARow + " sessions got no decision (timed out or not published)");
    }
}
