package io.mmsguard.inspection.decision;

import io.mmsguard.avro.ArchiveKind;
import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.ArchiveTrigger;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.inspection.endpoint.EndpointMatch;
import io.mmsguard.inspection.profile.InterfacePolicy;
import io.mmsguard.inspection.profile.ThresholdCounts;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdAction;
import io.mmsguard.inspection.threshold.ThresholdResult;
import io.mmsguard.schemas.AvroCopies;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * At most one mms.archive record per message (FEATURES.md A18), the strongest that applies:
 * <ol>
 * <li>QUARANTINE: a threshold's INTERCEPT (trigger THRESHOLD), else a file filter INTERCEPT (FILE_FILTER);</li>
 * <li>FULL: a threshold's ARCHIVE or ARCHIVE_FIRST (THRESHOLD; the evaluator only reports ARCHIVE_FIRST on the
 * first message of an episode), else an endpoint entry with its archive flag (ENDPOINT), else the interface's
 * archive mode FULL (PROFILE);</li>
 * <li>SUMMARY: the interface's archive mode SUMMARY (PROFILE).</li>
 * </ol>
 * One record rather than one per cause: analysts query messages, and the strongest kind contains the others.
 * Part content is kept for FULL and QUARANTINE only.
 */
public final class ArchiveRecordFactory {

    private record Cause(ArchiveKind kind, ArchiveTrigger trigger, ThresholdCount threshold) {
    }

    private ArchiveRecordFactory() {
    }

    public static Optional<ArchiveRecord> create(Inspection in, Decision decision, Instant archivedAt) {
        return cause(in).map(c -> record(in, decision, c, archivedAt));
    }

    private static final Set<ThresholdAction> CONTENT_ACTIONS =
            Set.of(ThresholdAction.INTERCEPT, ThresholdAction.ARCHIVE, ThresholdAction.ARCHIVE_FIRST);

    /**
     * Whether a later step could still write this message's content to the archive (FULL or QUARANTINE): what stage
     * 1 already knows (its flood actions, a file-filter intercept, an archiving endpoint entry, the interface's
     * archive mode) or a duplicate or similar-content threshold that archives or intercepts. When false, the stage-1 -> stage-2 record
     * can leave the part contents out, which halves what a 30 kB message costs the repartition topic.
     */
    public static boolean mayArchiveContent(EndpointMatch endpoint, ContentScanResult content, Optional<Outcome> flood,
                                            InterfacePolicy policy, List<Threshold> laterThresholds) {
        return flood.map(o -> o.actions().stream().anyMatch(CONTENT_ACTIONS::contains)).orElse(false)
                || content.quarantine()
                || endpoint.archive()
                || policy.archive() == ArchiveMode.FULL
                || laterThresholds.stream().filter(Threshold::enabled)
                        .anyMatch(t -> t.actions().stream().anyMatch(CONTENT_ACTIONS::contains));
    }

    private static Optional<Cause> cause(Inspection in) {
        Optional<ThresholdCount> intercept = triggered(in, Set.of(ThresholdAction.INTERCEPT));
        if (intercept.isPresent()) {
            return Optional.of(new Cause(ArchiveKind.QUARANTINE, ArchiveTrigger.THRESHOLD, intercept.get()));
        }
        if (in.content().quarantine()) {
            return Optional.of(new Cause(ArchiveKind.QUARANTINE, ArchiveTrigger.FILE_FILTER, null));
        }
        Optional<ThresholdCount> archive = triggered(in, Set.of(ThresholdAction.ARCHIVE, ThresholdAction.ARCHIVE_FIRST));
        if (archive.isPresent()) {
            return Optional.of(new Cause(ArchiveKind.FULL, ArchiveTrigger.THRESHOLD, archive.get()));
        }
        if (in.endpoint().archive()) {
            return Optional.of(new Cause(ArchiveKind.FULL, ArchiveTrigger.ENDPOINT, null));
        }
        ArchiveMode mode = in.policy().archive();
        if (mode == ArchiveMode.FULL) {
            return Optional.of(new Cause(ArchiveKind.FULL, ArchiveTrigger.PROFILE, null));
        }
        if (mode == ArchiveMode.SUMMARY) {
            return Optional.of(new Cause(ArchiveKind.SUMMARY, ArchiveTrigger.PROFILE, null));
        }
        return Optional.empty();
    }

    /** The first exceeded flood, then duplicate, then similar-content threshold that applied one of {@code actions}. */
    private static Optional<ThresholdCount> triggered(Inspection in, Set<ThresholdAction> actions) {
        return first(ThresholdKind.FLOOD, in.flood(), actions)
                .or(() -> first(ThresholdKind.DUPLICATE, in.duplicate(), actions))
                .or(() -> first(ThresholdKind.SIMILAR, in.similar(), actions));
    }

    private static Optional<ThresholdCount> first(ThresholdKind kind, Optional<Outcome> outcome,
                                                  Set<ThresholdAction> actions) {
        return outcome.flatMap(o -> o.hits().stream()
                .filter(r -> r.actions().stream().anyMatch(actions::contains)).findFirst())
                .map((ThresholdResult r) -> ThresholdCounts.toAvro(kind, r));
    }

    private static ArchiveRecord record(Inspection in, Decision decision, Cause cause, Instant archivedAt) {
        MmsEnvelope env = in.envelope();
        boolean content = cause.kind() != ArchiveKind.SUMMARY;
        List<MmsPart> parts = content ? env.getParts()
                : env.getParts().stream().map(AvroCopies::withoutContent).toList();
        return ArchiveRecord.newBuilder()
                .setKind(cause.kind())
                .setTrigger(cause.trigger())
                .setSessionId(env.getSessionId())
                .setMmsInterface(env.getMmsInterface())
                .setDirection(env.getDirection())
                .setMessageId(env.getMessageId())
                .setTransactionId(env.getTransactionId())
                .setSender(env.getSender())
                .setSenderRaw(env.getSenderRaw())
                .setRecipients(env.getRecipients())
                .setSubject(env.getSubject())
                .setContentType(env.getContentType())
                .setOriginalSize(env.getOriginalSize())
                .setChecksum(in.checksum())
                .setParts(parts)
                .setTransport(env.getTransport())
                .setReceivedAt(env.getReceivedAt())
                .setArchivedAt(archivedAt)
                .setVerdict(decision.getVerdict())
                .setReason(decision.getReason())
                .setDetail(decision.getDetail())
                .setThreshold(cause.threshold() != null ? cause.threshold() : decision.getThreshold())
                .setProfile(decision.getProfile())
                .setProfileVersion(decision.getProfileVersion())
                .build();
    }
}
