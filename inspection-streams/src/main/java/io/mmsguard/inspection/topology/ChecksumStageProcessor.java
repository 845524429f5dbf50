package io.mmsguard.inspection.topology;

import java.util.List;
import java.util.Optional;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.internal.SenderStageOutcome;
import io.mmsguard.inspection.decision.Inspection;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.threshold.Evaluation;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdEvaluator;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;

/**
 * Stage 2, keyed by content checksum: the duplicate thresholds, counting identical content across all senders.
 * The profile is resolved again, so a change made while the message was in the repartition topic applies.
 */
final class ChecksumStageProcessor extends ThresholdStageProcessor<SenderStageOutcome> {

    private ChecksumStageProcessor(RuleBook rules, TopologySettings settings, InspectionMetrics metrics) {
        super(rules, settings, metrics, "checksum", InspectionTopology.DUPLICATE_STORE);
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
        SenderStage stage = SenderStageRecords.fromAvro(value);
        MmsEnvelope envelope = stage.envelope();
        Profile profile = rules.profile(envelope.getProfile());
        List<Threshold> thresholds = profile.policy(envelope.getMmsInterface())
                .duplicateThresholds(envelope.getDirection());
        Optional<Outcome> duplicate = Optional.empty();
        if (thresholds.stream().anyMatch(Threshold::enabled)) {
            String key = StateKeys.of(envelope.getMmsInterface(), stage.checksum());
            Evaluation evaluation = ThresholdEvaluator.evaluate(store.load(key),
                    envelope.getReceivedAt().toEpochMilli(), thresholds);
            store.save(key, evaluation.state());
            duplicate = Optional.of(evaluation.outcome());
        }
        return new Staged.Ready(new Inspection(envelope, profile, stage.endpoint(), stage.content(), stage.flood(),
                duplicate, stage.checksum()));
    }
}
