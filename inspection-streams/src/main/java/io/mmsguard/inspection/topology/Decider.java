package io.mmsguard.inspection.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.inspection.decision.AlertFactory;
import io.mmsguard.inspection.decision.ArchiveRecordFactory;
import io.mmsguard.inspection.decision.DecisionFactory;
import io.mmsguard.inspection.decision.Inspection;
import io.mmsguard.inspection.decision.InspectionLogFactory;
import io.mmsguard.inspection.decision.InspectionLogPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 6 without Kafka: the decision plus the inspection-log, archive and alert records of one staged message,
 * stamped with the given time; for an expired session only its inspection-log record. A failure while deciding
 * gives that message a temporary failure, and so does a {@link Staged.SimilarPending} (a wiring fault: it must go
 * through the similar-content check first). The topology's {@link DecideProcessor} and the backtest run this.
 */
public final class Decider {
    private static final Logger LOG = LoggerFactory.getLogger(Decider.class);

    private final InspectionMetrics metrics;

    public Decider(InspectionMetrics metrics) {
        this.metrics = metrics;
    }

    /** @param now the decision time (the stream thread's wall clock in the topology) */
    public Outputs decide(Staged staged, Instant now) {
        Outputs out;
        try {
            out = outputs(staged, now);
        } catch (RuntimeException e) {
            MmsEnvelope envelope = staged.envelope();
            LOG.error("session {}: deciding failed, answering with a temporary failure", envelope.getSessionId(), e);
            metrics.failed("decide", e);
            out = failed(envelope, envelope.getProfile(), "inspection failed: " + e.getClass().getSimpleName(), now);
        }
        MmsEnvelope envelope = staged.envelope();
        out.decision().ifPresent(d -> metrics.decided(envelope.getMmsInterface(), d,
                Duration.between(envelope.getReceivedAt(), d.getDecidedAt())));
        return out;
    }

    private static Outputs outputs(Staged staged, Instant now) {
        if (staged instanceof Staged.Ready r) {
            return outputs(r.inspection(), now);
        }
        if (staged instanceof Staged.SenderChecked s) {
            return outputs(s.inspection(), now);
        }
        if (staged instanceof Staged.Expired e) {
            return new Outputs(Optional.empty(), Optional.of(InspectionLogFactory.expired(e.envelope(), e.profile(),
                    e.stage() + " stage: session expired (appended " + e.appendedAt() + " + "
                            + e.envelope().getSessionTimeoutMs() + " ms)", now)), Optional.empty(), List.of());
        }
        if (staged instanceof Staged.Failed f) {
            return failed(f.envelope(), f.profile(), f.detail(), now);
        }
        // The routes are Kafka Streams branches (and the backtest's stages), which the types cannot follow: a message
        // still owing its similar-content count is never decided without it, it gets a temporary failure instead.
        throw new IllegalStateException("session " + staged.envelope().getSessionId() + ": "
                + staged.getClass().getSimpleName() + " reached the decide step before its similar-content check");
    }

    private static Outputs outputs(Inspection in, Instant now) {
        Decision decision = DecisionFactory.decide(in, now);
        return new Outputs(Optional.of(decision),
                InspectionLogPolicy.wanted(in, decision)
                        ? Optional.of(InspectionLogFactory.create(in, decision)) : Optional.empty(),
                ArchiveRecordFactory.create(in, decision, now),
                AlertFactory.create(in, decision));
    }

    private static Outputs failed(MmsEnvelope envelope, String profile, String detail, Instant now) {
        Decision decision = DecisionFactory.temporaryFailure(envelope, profile, detail, now);
        return new Outputs(Optional.of(decision), Optional.of(InspectionLogFactory.failure(envelope, decision)),
                Optional.empty(), List.of());
    }
}
