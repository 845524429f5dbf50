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
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 6: the decision plus the inspection-log, archive and alert records, stamped with the stream thread's clock;
 * for an expired session only its inspection-log record.
 */
final class DecideProcessor implements FixedKeyProcessor<String, Staged, Outputs> {
    private static final Logger LOG = LoggerFactory.getLogger(DecideProcessor.class);

    private final InspectionMetrics metrics;
    private FixedKeyProcessorContext<String, Outputs> context;

    DecideProcessor(InspectionMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outputs> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Staged> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Outputs out;
        try {
            out = decide(record.value(), now);
        } catch (RuntimeException e) {
            MmsEnvelope envelope = record.value().envelope();
            LOG.error("session {}: deciding failed, answering with a temporary failure", envelope.getSessionId(), e);
            metrics.failed("decide", e);
            out = failed(envelope, envelope.getProfile(), "inspection failed: " + e.getClass().getSimpleName(), now);
        }
        MmsEnvelope envelope = record.value().envelope();
        out.decision().ifPresent(d -> metrics.decided(envelope.getMmsInterface(), d,
                Duration.between(envelope.getReceivedAt(), d.getDecidedAt())));
        context.forward(record.withValue(out));
    }

    private static Outputs decide(Staged staged, Instant now) {
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
        Staged.Failed f = (Staged.Failed) staged;
        return failed(f.envelope(), f.profile(), f.detail(), now);
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
