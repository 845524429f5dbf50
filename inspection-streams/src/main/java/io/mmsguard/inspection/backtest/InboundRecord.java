package io.mmsguard.inspection.backtest;

import java.util.Comparator;
import java.util.Objects;

import io.mmsguard.avro.MmsEnvelope;

/**
 * One mms.inbound record as the broker kept it.
 *
 * @param timestamp the broker's append time (mms.inbound is LogAppendTime): when the session started, as the
 *                  topology measures it
 */
public record InboundRecord(MmsEnvelope envelope, long timestamp, int partition, long offset) {

    /** The replay's order: append time, then partition, then offset (one sender's records are in one partition). */
    public static final Comparator<InboundRecord> ORDER = Comparator.comparingLong(InboundRecord::timestamp)
            .thenComparingInt(InboundRecord::partition).thenComparingLong(InboundRecord::offset);

    public InboundRecord {
        Objects.requireNonNull(envelope, "envelope");
    }
}
