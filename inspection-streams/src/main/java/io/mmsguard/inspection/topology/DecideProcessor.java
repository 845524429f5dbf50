package io.mmsguard.inspection.topology;

import java.time.Instant;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Step 6 in the topology: the {@link Decider} on the stream thread's clock. */
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
        context.forward(record.withValue(decider.decide(record.value(), now)));
    }
}
