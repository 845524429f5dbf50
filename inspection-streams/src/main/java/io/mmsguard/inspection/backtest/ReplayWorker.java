package io.mmsguard.inspection.backtest;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.inspection.profile.ScannerRegistry;
import io.mmsguard.inspection.similar.Fingerprint;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.topology.ChecksumStageLogic;
import io.mmsguard.inspection.topology.Decider;
import io.mmsguard.inspection.topology.InspectionMetrics;
import io.mmsguard.inspection.topology.Outputs;
import io.mmsguard.inspection.topology.RuleBook;
import io.mmsguard.inspection.topology.RulesListener;
import io.mmsguard.inspection.topology.SenderStage;
import io.mmsguard.inspection.topology.SenderStageLogic;
import io.mmsguard.inspection.topology.SessionExpiry;
import io.mmsguard.inspection.topology.SimilarBandLogic;
import io.mmsguard.inspection.topology.SimilarCombine;
import io.mmsguard.inspection.topology.StageGuard;
import io.mmsguard.inspection.topology.Staged;
import io.mmsguard.inspection.topology.StateResetLogic;

/**
 * One replay thread of one stage, as one stream task: its own rules (the timeline applied up to the record being
 * replayed), its own threshold states (the keys routed to it; for the similar-content stage, every band key with
 * its witness), the topology's stage logic and decide step.
 *
 * <p>The similar witnesses are never swept: live, the band store's idle sweep drops a band's witness with its expired
 * count at a wall-clock moment the log does not hold, so a replayed explanation may name an earlier session the live
 * one no longer knew (the verdict is the same).
 *
 * <p>No session counts as expired: whether one had expired depended on the live instance's wall clock when it read
 * the record, which the log does not hold (the verify report names the live EXPIRED records instead).
 */
final class ReplayWorker {
    private final List<RuleChange> changes;
    private final ThresholdKind kind;
    private final RuleBook rules;
    private final MapStateStore store = new MapStateStore();
    private final SimilarBandLogic.Witnesses witnesses = SimilarBandLogic.Witnesses.inMemory();
    private final SimilarBandLogic bands = new SimilarBandLogic();
    private final StageGuard guard;
    private final SenderStageLogic senderStage;
    private final ChecksumStageLogic checksumStage;
    private final Decider decider;
    private int applied;

    ReplayWorker(RuleTimeline timeline, ReplayOptions options, ThresholdKind kind) {
        this.changes = timeline.changes();
        this.kind = kind;
        this.rules = new RuleBook(ProfileCatalog.pinningEveryName(ProfileValidator.standard()),
                options.virusScanner(), RulesListener.NONE,
                options.scanners() ? ScannerRegistry.standard() : ScannerRegistry.none());
        InspectionMetrics metrics = new InspectionMetrics(new SimpleMeterRegistry());
        this.guard = new StageGuard(rules, metrics, stageName(kind), new SessionExpiry(() -> Long.MIN_VALUE));
        this.senderStage = new SenderStageLogic(rules, metrics);
        this.checksumStage = new ChecksumStageLogic(rules);
        this.decider = new Decider(metrics);
    }

    /** Stage 1 for one record of a sender routed to this worker. */
    Staged senderStage(InboundRecord r) {
        advanceTo(r.timestamp());
        Instant at = Instant.ofEpochMilli(r.timestamp());
        return guard.run(r.envelope(), r.timestamp(), () -> senderStage.inspect(r.envelope(), store, at));
    }

    /** Stage 2 for one record of a checksum routed to this worker. */
    Staged checksumStage(InboundRecord r, SenderStage stage) {
        advanceTo(r.timestamp());
        return guard.run(r.envelope(), r.timestamp(), () -> checksumStage.inspect(stage, store, java.util.OptionalLong.empty()));
    }

    /**
     * The similar-content check for one message that left stage 2 still passing: each of its bands counted as the
     * band step counts it ({@link SimilarBandLogic} over this worker's counts and witnesses), then combined as the
     * combine step does, under the profile resolved again. Live, a band that fails to count adds nothing and the
     * message is decided on its other bands; here, on in-memory maps, a failure is a fault and fails the message.
     */
    Staged similarStage(InboundRecord r, Staged.SimilarPending pending) {
        advanceTo(r.timestamp());
        return guard.run(r.envelope(), r.timestamp(), () -> {
            MmsEnvelope e = pending.envelope();
            Fingerprint fingerprint = pending.fingerprint();
            List<Threshold> thresholds = pending.thresholds();
            List<SimilarBandLogic.BandCount> counts = fingerprint.bands().stream()
                    .map(band -> bands.count(e.getMmsInterface(), band, e.getSessionId(), fingerprint,
                            e.getReceivedAt().toEpochMilli(), thresholds, store, witnesses))
                    .toList();
            Staged.SimilarPending again = new Staged.SimilarPending(pending.stage(), rules.profile(e.getProfile()),
                    pending.duplicate(), fingerprint, pending.stage2Offset());
            return again.counted(SimilarCombine.combine(counts, fingerprint));
        });
    }

    /** The decide step, stamped with the record's append time so that a replay is reproducible. */
    Outputs decide(InboundRecord r, Staged staged) {
        return decider.decide(staged, Instant.ofEpochMilli(r.timestamp()));
    }

    private static String stageName(ThresholdKind kind) {
        return switch (kind) {
            case FLOOD -> "sender";
            case DUPLICATE -> "checksum";
            case SIMILAR -> "similar";
            default -> throw new IllegalArgumentException("no stage counts " + kind);
        };
    }

    /** Applies every change up to and including {@code time}: the records appended after a change see it. */
    private void advanceTo(long time) {
        while (applied < changes.size() && changes.get(applied).time() <= time) {
            RuleChange c = changes.get(applied++);
            if (c instanceof RuleChange.Profile p) {
                rules.updateProfile(p.profile().getName(), p.profile());
            } else if (c instanceof RuleChange.List l) {
                rules.updateEndpointList(l.list().getName(), l.list());
            } else if (c instanceof RuleChange.Reset reset && kind != ThresholdKind.SIMILAR
                    && StateResetLogic.problem(kind, reset.reset().getKey(), reset.reset(), k -> k) == null) {
                // No live stage applies a SIMILAR reset (the flood stage refuses it), so neither does the replay.
                StateResetLogic.clear(reset.reset(), store);
            }
        }
    }
}
