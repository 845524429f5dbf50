package io.mmsguard.inspection.topology;

import java.util.OptionalLong;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.internal.SenderStageOutcome;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;

/** Stage 2 in the topology, keyed by content checksum: {@link ChecksumStageLogic} over the duplicate store. */
final class ChecksumStageProcessor extends ThresholdStageProcessor<SenderStageOutcome> {
    private final ChecksumStageLogic logic;

    private ChecksumStageProcessor(RuleBook rules, TopologySettings settings, InspectionMetrics metrics) {
        super(rules, settings, metrics, "checksum", InspectionTopology.DUPLICATE_STORE);
        this.logic = new ChecksumStageLogic(rules);
    }

    /** Stage 2's processors, with the duplicate store they own. */
    static FixedKeyProcessorSupplier<String, SenderStageOutcome, Staged> supplier(RuleBook rules,
                                                                                 TopologySettings settings,
                                                                                 InspectionMetrics metrics) {
        return supplierOwning(InspectionTopology.DUPLICATE_STORE,
                () -> new ChecksumStageProcessor(rules, settings, metrics));
    }

    @Override
    protected MmsEnvelope envelopeOf(SenderStageOutcome value) {
        return value.getEnvelope();
    }

    @Override
    protected Staged inspect(SenderStageOutcome value) {
        return logic.inspect(SenderStageRecords.fromAvro(value), store,
                context.recordMetadata().map(m -> OptionalLong.of(m.offset())).orElse(OptionalLong.empty()));
    }
}
