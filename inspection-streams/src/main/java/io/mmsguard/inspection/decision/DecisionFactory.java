package io.mmsguard.inspection.decision;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.profile.ThresholdCounts;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.ThresholdAction;
import io.mmsguard.inspection.threshold.ThresholdResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The topology's step 6: one {@link Decision} per message. Precedence, strongest first:
 * <ol>
 * <li>an endpoint entry with action BLOCK (it names who, which no content can excuse);</li>
 * <li>a content block (oversize, file filter, virus, banned words, checksum), as the pipeline decided it: on a
 * monitorOnly interface the pipeline already reports file filter, virus and banned-word findings as MATCH, so
 * they pass and are only logged, archived and alerted;</li>
 * <li>a flood block, then a duplicate block, then a similar-content block (the order they are counted in; the
 * similar block's detail says which earlier message it resembles and how much);</li>
 * <li>a scanner failure (a content scanner's, or the endpoint filter's when its regex budget ran out before it could
 * decide for an address): PASS_UNSCANNED when the interface fails open (STRIP when parts were already found to
 * strip), else TEMPORARY_FAILURE so that the peer retries; a definite block above wins over "unknown";</li>
 * <li>STRIP (remove blocked), then PASS_UNSCANNED (oversize pass), then PASS.</li>
 * </ol>
 * A strip delivers the message, so a flood, duplicate or similar-content block still stops it.
 */
public final class DecisionFactory {

    private DecisionFactory() {
    }

    public static Decision decide(Inspection in, Instant decidedAt) {
        Finding f = finding(in);
        MmsEnvelope env = in.envelope();
        boolean notify = SenderNotification.allowed(in, f);
        Decision.Builder b = Decision.newBuilder()
                .setSessionId(env.getSessionId())
                .setGatewayId(env.getGatewayId())
                .setVerdict(f.verdict())
                .setReason(f.reason())
                .setDetail(f.detail())
                .setThreshold(f.threshold())
                .setPartsToStrip(f.partsToStrip())
                .setNotifySender(notify)
                .setDecidedAt(decidedAt)
                .setProfile(in.profile().name())
                .setProfileVersion(in.profileVersion())
                .setReplyPartition(env.getReplyPartition());
        if (f.verdict() == Verdict.BLOCK || f.verdict() == Verdict.STRIP) {
            ReplacementMessages.Replacement r = ReplacementMessages.render(in.profile().source(),
                    env.getMmsInterface(), env.getDirection(), f.reason(), f.verdict() == Verdict.STRIP,
                    TemplateFields.of(in, f));
            b.setReplacementSubject(r.subject()).setReplacementText(r.text());
        }
        if (f.verdict() == Verdict.BLOCK) {
            b.setResponseStatus(BlockResponses.forReason(in.profile().source(), f.reason()));
        }
        return b.build();
    }

    /** The verdict {@link #decide} would give, without building the decision (stage 1 asks it before stage 2). */
    public static Verdict verdict(Inspection in) {
        return finding(in).verdict();
    }

    /**
     * The answer for a message that could not be inspected at all (an envelope or stage record this version cannot
     * read, a failure inside the topology): the gateway answers the peer with its protocol's temporary failure, so
     * the message is retried instead of lost or passed unchecked.
     */
    public static Decision temporaryFailure(MmsEnvelope env, String profile, String detail, Instant decidedAt) {
        return Decision.newBuilder()
                .setSessionId(env.getSessionId())
                .setGatewayId(env.getGatewayId())
                .setVerdict(Verdict.TEMPORARY_FAILURE)
                .setReason(Reason.SCANNER_FAILURE)
                .setDetail(detail)
                .setNotifySender(false)
                .setDecidedAt(decidedAt)
                .setProfile(profile)
                .setProfileVersion(0L)
                .setReplyPartition(env.getReplyPartition())
                .build();
    }

    static Finding finding(Inspection in) {
        if (in.endpoint().blocked()) {
            return Finding.of(Verdict.BLOCK, Reason.ENDPOINT,
                    in.endpoint().decisive().map(m -> m.describe()).orElse(null));
        }
        ContentScanResult content = in.content();
        if (content.verdict() == io.mmsguard.inspection.scan.ContentVerdict.BLOCK) {
            return Finding.of(Verdict.BLOCK, Finding.toAvro(content.reason()), content.detail());
        }
        Optional<Finding> mass = thresholdBlock(ThresholdKind.FLOOD, in.flood())
                .or(() -> thresholdBlock(ThresholdKind.DUPLICATE, in.duplicate()))
                .or(() -> thresholdBlock(ThresholdKind.SIMILAR, in.similar())
                        .map(f -> in.similarTo().map(to -> f.withDetail(f.detail() + "; " + to.describe())).orElse(f)));
        if (mass.isPresent()) {
            return mass.get();
        }
        if (in.endpoint().failed() && content.verdict() != io.mmsguard.inspection.scan.ContentVerdict.SCAN_FAILED) {
            return scanFailed(in, "endpoint: regex budget exceeded: " + String.join(", ", in.endpoint().budgetExceeded()));
        }
        return switch (content.verdict()) {
            case SCAN_FAILED -> scanFailed(in, content.detail());
            case STRIP -> new Finding(Verdict.STRIP, Finding.toAvro(content.reason()), content.detail(), null,
                    content.partsToStrip());
            case PASS_UNSCANNED -> Finding.of(Verdict.PASS_UNSCANNED, Finding.toAvro(content.reason()),
                    content.detail());
            default -> Finding.of(Verdict.PASS, Reason.NONE, null);
        };
    }

    private static Finding scanFailed(Inspection in, String detail) {
        ContentScanResult content = in.content();
        if (!in.policy().failOpen()) {
            return Finding.of(Verdict.TEMPORARY_FAILURE, Reason.SCANNER_FAILURE, detail);
        }
        if (content.partsToStrip().isEmpty()) {
            return Finding.of(Verdict.PASS_UNSCANNED, Reason.SCANNER_FAILURE, detail);
        }
        // The parts found before the failure are still removed, under the finding that named them.
        return content.scanResults().stream()
                .filter(r -> r.outcome() == ScanOutcome.BLOCK && content.partsToStrip().contains(r.partIndex()))
                .findFirst()
                .map(r -> new Finding(Verdict.STRIP, Finding.partReason(r.scanner()), r.detail(), null,
                        content.partsToStrip()))
                .orElseGet(() -> new Finding(Verdict.STRIP, Reason.SCANNER_FAILURE, detail, null,
                        content.partsToStrip()));
    }

    private static Optional<Finding> thresholdBlock(ThresholdKind kind, Optional<Outcome> outcome) {
        if (outcome.isEmpty() || !outcome.get().blocked()) {
            return Optional.empty();
        }
        List<ThresholdResult> hits = outcome.get().hits();
        ThresholdResult decisive = hits.stream().filter(r -> r.actions().contains(ThresholdAction.BLOCK))
                .findFirst().orElse(hits.isEmpty() ? null : hits.get(0));
        if (decisive == null) {
            return Optional.empty();
        }
        Reason reason = switch (kind) {
            case FLOOD -> Reason.FLOOD;
            case SIMILAR -> Reason.SIMILAR;
            default -> Reason.DUPLICATE;
        };
        return Optional.of(new Finding(Verdict.BLOCK, reason, describe(kind, decisive),
                ThresholdCounts.toAvro(kind, decisive), List.of()));
    }

    /** {@code flood threshold 2: 101 in 60 min > limit 100}, for logs, archives and %threshold%. */
    static String describe(ThresholdKind kind, ThresholdResult r) {
        String head = kind.name().toLowerCase(java.util.Locale.ROOT) + " threshold " + r.index() + ": " + r.count()
                + " in " + r.windowMinutes() + " min " + (r.count() > r.limit() ? ">" : "<=") + " limit " + r.limit();
        return r.blockedUntil().isPresent()
                ? head + ", blocked until " + Instant.ofEpochMilli(r.blockedUntil().getAsLong()) : head;
    }
}
