package io.mmsguard.inspection.topology;

import java.time.Instant;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Step 6 in the topology: the {@link Decider} on the stream thread's clock. For a message stage 2 counted it also
 * records in the inspection log the offset of the message's by-checksum record (taken by the checksum stage): the
 * order in which the copies of one checksum were counted, which a backtest needs to replay them exactly.
 */
final class DecideProcessor implements FixedKeyProcessor<String, Staged, Outputs> {
    private final Decider decider;
    private FixedKeyProcessorContext<String, Outputs> context;

    DecideProcessor(InspectionMetrics metrics) {
        this.decider = new Decider(metrics);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outputs> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Staged> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Outputs out = decider.decide(record.value(), now);
        if (record.value() instanceof Staged.Ready ready && ready.stage2Offset().isPresent()) {
            out.log().ifPresent(log -> log.setStage2Offset(ready.stage2Offset().getAsLong()));
        }
        context.forward(record.withValue(out));
    }
}
