package io.mmsguard.inspection.topology;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.inspection.decision.Inspection;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.similar.Fingerprint;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.Threshold;

/** What flows between the topology's processors inside one sub-topology (never serialized). */
public sealed interface Staged {

    MmsEnvelope envelope();

    /**
     * Stage 1 done; {@code toChecksumStage} says whether the message goes on to stage 2 (for its duplicate check, its
     * similar-content check, or both).
     */
    record SenderChecked(SenderStage stage, Profile profile, boolean toChecksumStage) implements Staged {
        public SenderChecked {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(profile, "profile");
        }

        @Override
        public MmsEnvelope envelope() {
            return stage.envelope();
        }

        /** What stage 1 found, decided without a duplicate check. */
        public Inspection inspection() {
            return new Inspection(stage.envelope(), profile, stage.endpoint(), stage.content(), stage.flood(),
                    Optional.empty(), stage.checksum());
        }
    }

    /**
     * Every check done; ready to decide.
     *
     * @param stage2Offset the offset of the message's by-checksum record when stage 2 counted it (recorded in the
     *                     inspection log for backtests); empty when it did not pass stage 2
     */
    record Ready(Inspection inspection, OptionalLong stage2Offset) implements Staged {
        public Ready {
            Objects.requireNonNull(inspection, "inspection");
            Objects.requireNonNull(stage2Offset, "stage2Offset");
        }

        public Ready(Inspection inspection) {
            this(inspection, OptionalLong.empty());
        }

        @Override
        public MmsEnvelope envelope() {
            return inspection.envelope();
        }
    }

    /**
     * Stages 1 and 2 done and the message still passing: the similar-content check counts it next (by band, then
     * combined by session).
     *
     * @param duplicate    stage 2's duplicate outcome, empty when not evaluated
     * @param stage2Offset as in {@link Ready}
     */
    record SimilarPending(SenderStage stage, Profile profile, Optional<Outcome> duplicate, Fingerprint fingerprint,
                          OptionalLong stage2Offset) implements Staged {
        public SimilarPending {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(duplicate, "duplicate");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(stage2Offset, "stage2Offset");
        }

        @Override
        public MmsEnvelope envelope() {
            return stage.envelope();
        }

        /** What stages 1 and 2 found, before the similar-content outcome. */
        public Inspection inspection() {
            return new Inspection(stage.envelope(), profile, stage.endpoint(), stage.content(), stage.flood(),
                    duplicate, stage.checksum());
        }

        /** The similar thresholds every band of the message counts against (resolved once, for all its bands). */
        public List<Threshold> thresholds() {
            MmsEnvelope envelope = stage.envelope();
            return profile.policy(envelope.getMmsInterface()).similarThresholds(envelope.getDirection());
        }

        /** Ready to decide, with the similar-content outcome of all the message's bands. */
        public Ready counted(SimilarCombine.Combined combined) {
            return new Ready(inspection().withSimilar(combined.outcome(), combined.explanation()), stage2Offset);
        }
    }

    /**
     * The session had expired when {@code stage} processed the message under a fail-closed interface: nothing was
     * inspected or counted there, and the message gets no decision, only an inspection-log record.
     *
     * @param appendedAt the mms.inbound record's append time, from which the session timeout is measured
     */
    record Expired(MmsEnvelope envelope, Profile profile, String stage, Instant appendedAt) implements Staged {
        public Expired {
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(profile, "profile");
        }
    }

    /** The message could not be inspected; it gets a temporary failure. */
    record Failed(MmsEnvelope envelope, String profile, String detail) implements Staged {
    }
}
