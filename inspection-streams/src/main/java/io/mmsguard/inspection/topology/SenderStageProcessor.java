package io.mmsguard.inspection.topology;

import java.time.Instant;

import io.mmsguard.avro.MmsEnvelope;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;

/** Stage 1 in the topology, keyed by sender: {@link SenderStageLogic} over the flood store. */
final class SenderStageProcessor extends ThresholdStageProcessor<MmsEnvelope> {
    private final SenderStageLogic logic;

    private SenderStageProcessor(RuleBook rules, TopologySettings settings, InspectionMetrics metrics) {
        super(rules, settings, metrics, "sender", InspectionTopology.FLOOD_STORE);
        this.logic = new SenderStageLogic(rules, metrics);
    }

    /** Stage 1's processors, with the flood store they own. */
    static FixedKeyProcessorSupplier<String, MmsEnvelope, Staged> supplier(RuleBook rules, TopologySettings settings,
                                                                          InspectionMetrics metrics) {
        return supplierOwning(InspectionTopology.FLOOD_STORE, () -> new SenderStageProcessor(rules, settings, metrics));
    }

    @Override
    protected MmsEnvelope envelopeOf(MmsEnvelope value) {
        return value;
    }

    @Override
    protected Staged inspect(MmsEnvelope envelope) {
        return logic.inspect(envelope, store, Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }
}
