package io.mmsguard.inspection.topology;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.decision.ArchiveRecordFactory;
import io.mmsguard.inspection.decision.DecisionFactory;
import io.mmsguard.inspection.decision.Inspection;
import io.mmsguard.inspection.endpoint.EndpointMatch;
import io.mmsguard.inspection.profile.ContentChecksum;
import io.mmsguard.inspection.profile.InterfacePolicy;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.RegexBudget;
import io.mmsguard.inspection.scan.ScanRequest;
import io.mmsguard.inspection.similar.ContentFingerprinter;
import io.mmsguard.inspection.similar.Fingerprint;
import io.mmsguard.inspection.threshold.Evaluation;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdEvaluator;
import io.mmsguard.schemas.AvroCopies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1's logic, keyed by sender, without Kafka: profile, endpoint lists, content scans, the flood thresholds and
 * the routing rule (whether stage 2 must count the message, for its duplicate or its similar-content check, whose
 * fingerprint this stage computes). The topology's {@link SenderStageProcessor} and the
 * backtest run this one class.
 *
 * <p>Every message that is not exempt from mass-MMS checks counts towards its sender's flood thresholds, whatever
 * the endpoint list or the scanners found: the count is the sender's offered load, less the fail-closed messages
 * whose session had expired before this stage (the gateway answered them with a temporary failure; see
 * {@link StageGuard}).
 */
public final class SenderStageLogic {
    private static final Logger LOG = LoggerFactory.getLogger(SenderStageLogic.class);

    private final RuleBook rules;
    private final InspectionMetrics metrics;
    private final ContentFingerprinter fingerprinter;

    public SenderStageLogic(RuleBook rules, InspectionMetrics metrics, ContentFingerprinter fingerprinter) {
        this.rules = rules;
        this.metrics = metrics;
        this.fingerprinter = fingerprinter;
    }

    public SenderStageLogic(RuleBook rules, InspectionMetrics metrics) {
        this(rules, metrics, ContentFingerprinter.standard());
    }

    /**
     * @param flood     the flood states of the sender's keys
     * @param stageTime when this stage evaluates the message (the stream thread's wall clock in the topology)
     */
    public Staged inspect(MmsEnvelope envelope, ThresholdStateStore flood, Instant stageTime) {
        ProfileRules profileRules = rules.rules(envelope.getProfile());
        Profile profile = profileRules.profile();
        InterfacePolicy policy = profile.policy(envelope.getMmsInterface());
        Direction direction = envelope.getDirection();
        if (direction == Direction.UNKNOWN) {
            throw new IllegalArgumentException("direction UNKNOWN");
        }
        List<String> recipients = envelope.getRecipients().stream().map(Recipient::getAddress).toList();
        // One budget for every REGEX pattern of this message: endpoint entries, file filter, banned words.
        ScanRequest request = ScanRequests.of(envelope);
        RegexBudget regex = RegexBudget.forMessage(rules.regexLimits(), request);
        EndpointMatch endpoint = profileRules.endpoints().match(envelope.getSender(), recipients, regex);

        ContentScanResult content = endpoint.exemptFromScanning()
                ? profileRules.scans().exempt(endpoint.decisive().map(m -> m.describe()).orElse("exempt"))
                : profileRules.scans().scan(request, regex);
        if (regex.exhausted()) {
            regexBudgetExhausted(envelope, profile, endpoint, regex);
        }
        metrics.unpacked(envelope.getMmsInterface(), content);

        // Before the flood count: a message that fails here is answered with a temporary failure and retried, and
        // must not have been counted already.
        String checksum = ContentChecksum.of(envelope, profile.checksumSubject());

        Optional<Outcome> floodOutcome = Optional.empty();
        List<Threshold> floodThresholds = policy.floodThresholds(direction);
        if (!endpoint.exemptFromMassMms() && floodThresholds.stream().anyMatch(Threshold::enabled)) {
            String key = StateKeys.of(envelope.getMmsInterface(), envelope.getSender());
            Evaluation evaluation = ThresholdEvaluator.evaluate(flood.loadState(key),
                    envelope.getReceivedAt().toEpochMilli(), floodThresholds);
            flood.saveState(key, evaluation.state());
            floodOutcome = Optional.of(evaluation.outcome());
        }

        SenderStage stage = new SenderStage(envelope, checksum, endpoint, content, floodOutcome, stageTime);
        List<Threshold> duplicate = policy.duplicateThresholds(direction);
        List<Threshold> similar = policy.similarThresholds(direction);
        boolean duplicateCheck = mayCount(stage, profile, duplicate);
        // Here, while the content is still at hand: stage 2's record may leave it out.
        Optional<Fingerprint> fingerprint = mayCount(stage, profile, similar)
                ? Optional.of(fingerprinter.fingerprint(request.parts())).filter(f -> !f.isEmpty())
                : Optional.empty();
        if (!duplicateCheck && fingerprint.isEmpty()) {
            return new Staged.SenderChecked(stage, profile, false);
        }
        MmsEnvelope forward = ArchiveRecordFactory.mayArchiveContent(endpoint, content, floodOutcome, policy,
                Stream.concat(duplicate.stream(), similar.stream()).toList())
                ? envelope : AvroCopies.withoutContent(envelope);
        return new Staged.SenderChecked(new SenderStage(forward, checksum, endpoint, content, floodOutcome,
                stage.stageTime(), fingerprint), profile, true);
    }

    /** No part, and no subject the checksum would tell apart. */
    private static boolean carriesNoContent(MmsEnvelope envelope, Profile profile) {
        String subject = envelope.getSubject();
        return envelope.getParts().isEmpty() && (!profile.checksumSubject() || subject == null || subject.isEmpty());
    }

    /** A scanner failure, never a silent "no match": the decision is a temporary failure or, fail-open, unscanned. */
    private void regexBudgetExhausted(MmsEnvelope envelope, Profile profile, EndpointMatch endpoint, RegexBudget regex) {
        String where = endpoint.failed() ? "endpoint" : "content";
        metrics.regexBudgetExhausted(envelope.getMmsInterface(), where);
        LOG.warn("session {} ({}, profile {}): regex budget exhausted in {} after {} of {} steps{}",
                envelope.getSessionId(), envelope.getMmsInterface(), profile.name(), where, regex.used(), regex.max(),
                endpoint.failed() ? ": " + endpoint.budgetExceeded() : "");
    }

    /**
     * The duplicate and the similar-content checks count a message only when it would otherwise be delivered: a
     * message stage 1 already blocks (or answers with a temporary failure, which the peer retries) is not a copy that
     * reached anyone. Nor is a message without content (an MM1 m-forward.req, inspected for its sender and recipients
     * only): every one of them would have the same checksum, and forwards from unrelated senders would count as one
     * campaign. Senders exempt from mass-MMS checks are not counted.
     */
    private static boolean mayCount(SenderStage stage, Profile profile, List<Threshold> thresholds) {
        if (carriesNoContent(stage.envelope(), profile) || stage.endpoint().exemptFromMassMms()
                || thresholds.stream().noneMatch(Threshold::enabled)) {
            return false;
        }
        Verdict provisional = DecisionFactory.verdict(new Inspection(stage.envelope(), profile, stage.endpoint(),
                stage.content(), stage.flood(), Optional.empty(), stage.checksum()));
        return provisional == Verdict.PASS || provisional == Verdict.STRIP || provisional == Verdict.PASS_UNSCANNED;
    }
}
