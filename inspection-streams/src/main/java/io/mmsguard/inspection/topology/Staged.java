package io.mmsguard.inspection.topology;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.inspection.decision.Inspection;
import io.mmsguard.inspection.profile.Profile;

/** What flows between the topology's processors inside one sub-topology (never serialized). */
public sealed interface Staged {

    MmsEnvelope envelope();

    /** Stage 1 done; {@code duplicateCheck} says whether stage 2 must count the message. */
    record SenderChecked(SenderStage stage, Profile profile, boolean duplicateCheck) implements Staged {
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

    /** Every check done; ready to decide. */
    record Ready(Inspection inspection) implements Staged {
        @Override
        public MmsEnvelope envelope() {
            return inspection.envelope();
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
