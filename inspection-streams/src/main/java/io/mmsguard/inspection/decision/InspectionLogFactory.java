package io.mmsguard.inspection.decision;

import io.mmsguard.inspection.profile.Interfaces;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.SimilarMatch;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ScanOutcome;
import io.mmsguard.avro.ScanResult;
import io.mmsguard.avro.Scanner;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.endpoint.AddressMatch;
import io.mmsguard.inspection.endpoint.EndpointAction;
import io.mmsguard.inspection.endpoint.EndpointMatch;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.profile.ThresholdCounts;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.ThresholdResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mms.inspection-log record of one message (FEATURES.md A19): every step in the architecture's order (endpoint
 * filter, the five content scanners, flood, duplicate), every threshold with its count, and the final decision with
 * the answer it told the gateway to give.
 * Whether the record is written at all (LoggingSettings, e.g. {@code clean = false}) is the caller's choice.
 */
public final class InspectionLogFactory {

    private InspectionLogFactory() {
    }

    public static InspectionLog create(Inspection in, Decision decision) {
        MmsEnvelope env = in.envelope();
        List<ScanResult> scans = new ArrayList<>(endpoint(in));
        in.content().scanResults().forEach(r -> scans.add(toAvro(r)));
        scans.add(threshold(Scanner.FLOOD, ThresholdKind.FLOOD, in.flood(), in.endpoint()));
        scans.add(threshold(Scanner.DUPLICATE, ThresholdKind.DUPLICATE, in.duplicate(), in.endpoint()));
        List<ThresholdCount> thresholds = new ArrayList<>();
        in.flood().ifPresent(o -> o.results().forEach(r -> thresholds.add(ThresholdCounts.toAvro(ThresholdKind.FLOOD, r))));
        in.duplicate().ifPresent(o -> o.results().forEach(
                r -> thresholds.add(ThresholdCounts.toAvro(ThresholdKind.DUPLICATE, r))));
        in.similar().ifPresent(o -> o.results().forEach(
                r -> thresholds.add(ThresholdCounts.toAvro(ThresholdKind.SIMILAR, r))));
        InspectionLog log = record(env, decision, in.checksum(), scans, thresholds);
        in.similarTo().ifPresent(to -> log.setSimilarTo(SimilarMatch.newBuilder()
                .setSharedBands(to.sharedBands()).setEarlierSession(to.earlierSession())
                .setSimilarity(to.similarity()).build()));
        return log;
    }

    /**
     * The record of a message that could not be inspected (A19 logs every temporary failure): what the envelope
     * says, the decision, and no scan or threshold results, since none ran to completion.
     */
    public static InspectionLog failure(MmsEnvelope env, Decision decision) {
        return record(env, decision, null, List.of(), List.of());
    }

    /**
     * The record of a message whose session had expired before it was inspected (fail-closed): verdict EXPIRED, no
     * decision, nothing scanned or counted.
     *
     * @param at when the topology found the session expired (the record's decidedAt)
     */
    public static InspectionLog expired(MmsEnvelope env, Profile profile, String detail, Instant at) {
        return envelopeFields(env, null, List.of(), List.of())
                .setVerdict(Verdict.EXPIRED)
                .setReason(Reason.NONE)
                .setDetail(detail)
                .setNotifySender(false)
                .setProfile(profile.name())
                .setProfileVersion(profile.source().getAudit().getVersion())
                .setDecidedAt(at)
                .setLatencyMillis(at.toEpochMilli() - env.getReceivedAt().toEpochMilli())
                .build();
    }

    private static InspectionLog record(MmsEnvelope env, Decision decision, String checksum, List<ScanResult> scans,
                                        List<ThresholdCount> thresholds) {
        return envelopeFields(env, checksum, scans, thresholds)
                .setVerdict(decision.getVerdict())
                .setReason(decision.getReason())
                .setDetail(decision.getDetail())
                .setNotifySender(decision.getNotifySender())
                // What the gateway answers: `mmsguard explain --session` shows it without the gateway's logs.
                .setResponseStatus(decision.getResponseStatus())
                .setResponseText(decision.getReplacementText())
                .setProfile(decision.getProfile())
                .setProfileVersion(decision.getProfileVersion())
                .setDecidedAt(decision.getDecidedAt())
                .setLatencyMillis(decision.getDecidedAt().toEpochMilli() - env.getReceivedAt().toEpochMilli())
                .build();
    }

    private static InspectionLog.Builder envelopeFields(MmsEnvelope env, String checksum, List<ScanResult> scans,
                                                        List<ThresholdCount> thresholds) {
        return InspectionLog.newBuilder()
                .setSessionId(env.getSessionId())
                .setGatewayId(env.getGatewayId())
                .setMmsInterface(env.getMmsInterface())
                .setDirection(env.getDirection())
                .setMessageId(env.getMessageId())
                .setSender(env.getSender())
                .setRecipientCount(env.getRecipients().size())
                .setPartCount(env.getParts().size())
                .setOriginalSize(env.getOriginalSize())
                .setChecksum(checksum)
                .setScans(scans)
                .setThresholds(thresholds)
                .setReceivedAt(env.getReceivedAt());
    }

    static ScanResult toAvro(io.mmsguard.inspection.scan.ScanResult r) {
        return new ScanResult(Scanner.valueOf(r.scanner().name()), ScanOutcome.valueOf(r.outcome().name()),
                r.detail(), r.partIndex());
    }

    /** One result per matched address, so that a log reader sees every list entry that fired. */
    private static List<ScanResult> endpoint(Inspection in) {
        if (!Interfaces.settings(in.profile().source(), in.envelope().getMmsInterface()).getEndpointFilter()) {
            return List.of(new ScanResult(Scanner.ENDPOINT_FILTER, ScanOutcome.SKIPPED, "disabled", null));
        }
        EndpointMatch m = in.endpoint();
        if (m.matches().isEmpty()) {
            return List.of(new ScanResult(Scanner.ENDPOINT_FILTER, ScanOutcome.CLEAN,
                    m.budgetExceeded().isEmpty() ? null : "regex budget exceeded: " + String.join(", ",
                            m.budgetExceeded()), null));
        }
        return m.matches().stream().map(a -> new ScanResult(Scanner.ENDPOINT_FILTER, outcome(a), a.describe(), null))
                .toList();
    }

    private static ScanOutcome outcome(AddressMatch a) {
        EndpointAction action = a.entry().action();
        return action == EndpointAction.BLOCK ? ScanOutcome.BLOCK
                : action == EndpointAction.EXEMPT ? ScanOutcome.EXEMPT : ScanOutcome.MATCH;
    }

    private static ScanResult threshold(Scanner scanner, ThresholdKind kind, Optional<Outcome> outcome,
                                        EndpointMatch endpoint) {
        if (outcome.isEmpty()) {
            return endpoint.exemptFromMassMms()
                    ? new ScanResult(scanner, ScanOutcome.EXEMPT, endpoint.decisive().map(AddressMatch::describe)
                    .orElse(null), null)
                    : new ScanResult(scanner, ScanOutcome.SKIPPED, "not evaluated", null);
        }
        Outcome o = outcome.get();
        List<ThresholdResult> hits = o.hits();
        if (hits.isEmpty()) {
            return new ScanResult(scanner, ScanOutcome.CLEAN, null, null);
        }
        ThresholdResult first = hits.get(0);
        return new ScanResult(scanner, o.blocked() ? ScanOutcome.BLOCK : ScanOutcome.MATCH,
                DecisionFactory.describe(kind, first), null);
    }
}
