package io.mmsguard.gateway.session;

import java.time.Duration;

/**
 * How far this gateway's clock is off the brokers', learnt from the envelopes it publishes. mms.inbound has
 * {@code message.timestamp.type=LogAppendTime}, so the producer's acknowledgement carries the broker's append time, and
 * the append happened between the send and the acknowledgement as this gateway's clock saw them. The skew reported is
 * the smallest one consistent with that: zero while the append time lies within [sent, acked], else its distance to
 * the nearer end (positive: this gateway is ahead). The true skew is within one round trip of it, so a slow broker
 * never makes a gateway look skewed, and a skewed gateway is under-reported by at most the round trip.
 *
 * <p>Without traffic there is no measurement: the last one is kept, and before the first one the clock is taken as
 * acceptable (a gateway that had to prove its clock before taking sessions could never prove it). Consequence: a
 * gateway found too far off stays not ready until a later session measures it within bound or it restarts.
 */
public final class ClockSkew {
    private final long boundMillis;
    private volatile long skewMillis;
    private volatile boolean measured;

    /** @param bound the largest skew, either way, at which the gateway stays ready ({@code gateway.max-clock-skew}) */
    public ClockSkew(Duration bound) {
        if (bound.isNegative()) {
            throw new IllegalArgumentException("the clock skew bound must not be negative");
        }
        this.boundMillis = bound.toMillis();
    }

    /**
     * One acknowledged envelope; times in milliseconds since the epoch. An append time below zero (a broker that
     * returned none) is ignored.
     */
    public void observe(long sentAtMillis, long appendTimeMillis, long ackedAtMillis) {
        if (appendTimeMillis < 0) {
            return;
        }
        long skew = 0;
        if (appendTimeMillis < sentAtMillis) {
            skew = sentAtMillis - appendTimeMillis;
        } else if (appendTimeMillis > ackedAtMillis) {
            skew = ackedAtMillis - appendTimeMillis;
        }
        skewMillis = skew;
        measured = true;
    }

    /** The last measured skew in seconds (positive: this gateway is ahead of the brokers); NaN before the first. */
    public double seconds() {
        return measured ? skewMillis / 1000.0 : Double.NaN;
    }

    /** Whether the last measurement is within the bound (true before the first one). */
    public boolean withinBound() {
        return !measured || Math.abs(skewMillis) <= boundMillis;
    }
}
