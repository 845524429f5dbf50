package io.mmsguard.inspection.topology;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.decision.DecisionFactory;
import io.mmsguard.inspection.decision.Inspection;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.threshold.Evaluation;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdEvaluator;

/**
 * Stage 2's logic, keyed by content checksum, without Kafka: the duplicate thresholds, counting identical content
 * across all senders. The profile is resolved again, so a change made while the message was between the stages
 * applies. The topology's {@link ChecksumStageProcessor} and the backtest run this one class.
 */
public final class ChecksumStageLogic {
    private final RuleBook rules;

    public ChecksumStageLogic(RuleBook rules) {
        this.rules = rules;
    }

    /**
     * @param duplicates   the duplicate states of the checksum's keys
     * @param stage2Offset the offset of the message's by-checksum record (empty in tests that have none)
     * @return {@link Staged.SimilarPending} when the message has a fingerprint and still passes, else ready
     */
    public Staged inspect(SenderStage stage, ThresholdStateStore duplicates, OptionalLong stage2Offset) {
        MmsEnvelope envelope = stage.envelope();
        Profile profile = rules.profile(envelope.getProfile());
        List<Threshold> thresholds = profile.policy(envelope.getMmsInterface())
                .duplicateThresholds(envelope.getDirection());
        Optional<Outcome> duplicate = Optional.empty();
        if (thresholds.stream().anyMatch(Threshold::enabled)) {
            String key = StateKeys.of(envelope.getMmsInterface(), stage.checksum());
            Evaluation evaluation = ThresholdEvaluator.evaluate(duplicates.loadState(key),
                    envelope.getReceivedAt().toEpochMilli(), thresholds);
            duplicates.saveState(key, evaluation.state());
            duplicate = Optional.of(evaluation.outcome());
        }
        Inspection inspection = new Inspection(envelope, profile, stage.endpoint(), stage.content(), stage.flood(),
                duplicate, stage.checksum());
        // The profile may have changed since stage 1 fingerprinted the message.
        boolean similar = profile.policy(envelope.getMmsInterface()).hasEnabledSimilar(envelope.getDirection());
        if (similar && stage.fingerprint().isPresent() && passes(inspection)) {
            return new Staged.SimilarPending(stage, profile, duplicate, stage.fingerprint().get(), stage2Offset);
        }
        return new Staged.Ready(inspection, stage2Offset);
    }

    /** A message stage 2 blocks is not a copy that reached anyone, so the similar-content check does not count it. */
    private static boolean passes(Inspection inspection) {
        Verdict provisional = DecisionFactory.verdict(inspection);
        return provisional == Verdict.PASS || provisional == Verdict.STRIP || provisional == Verdict.PASS_UNSCANNED;
    }
}
