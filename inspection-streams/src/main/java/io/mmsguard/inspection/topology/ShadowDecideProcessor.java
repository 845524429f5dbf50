package io.mmsguard.inspection.topology;

import java.time.Instant;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.ShadowLog;
import io.mmsguard.inspection.decision.ShadowLogFactory;
import io.mmsguard.inspection.profile.Profile;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow application's decide step: the would-be decision as a {@link ShadowLog} record, in place of the live
 * decide step's decision, inspection-log, archive and alert records. A shadow message never expires (the head drops
 * its session timeout), so every message is judged or, when the stage failed, recorded as a temporary failure.
 */
final class ShadowDecideProcessor implements FixedKeyProcessor<String, Staged, ShadowLog> {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowDecideProcessor.class);

    private final RuleBook rules;
    private final ShadowMetrics metrics;
    private FixedKeyProcessorContext<String, ShadowLog> context;

    ShadowDecideProcessor(RuleBook rules, ShadowMetrics metrics) {
        this.rules = rules;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ShadowLog> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Staged> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Headers headers = record.headers();
        String live = ShadowHeadProcessor.liveProfile(headers).orElse("?");
        long liveVersion = ShadowHeadProcessor.liveVersion(headers);
        Staged staged = record.value();
        ShadowLog log;
        try {
            log = judge(staged, now, live, liveVersion);
        } catch (RuntimeException e) {
            LOG.error("session {}: the shadow's decision failed", staged.envelope().getSessionId(), e);
            log = failed(staged.envelope(), "shadow decision failed: " + e.getClass().getSimpleName(), now, live,
                    liveVersion);
        }
        metrics.decided(log);
        context.forward(record.withValue(log));
    }

    private ShadowLog judge(Staged staged, Instant now, String live, long liveVersion) {
        if (staged instanceof Staged.Ready r) {
            return ShadowLogFactory.create(r.inspection(), now, live, liveVersion);
        }
        if (staged instanceof Staged.SenderChecked s) {
            return ShadowLogFactory.create(s.inspection(), now, live, liveVersion);
        }
        if (staged instanceof Staged.Failed f) {
            return failed(f.envelope(), f.detail(), now, live, liveVersion);
        }
        return failed(staged.envelope(), "session expired", now, live, liveVersion);
    }

    private ShadowLog failed(MmsEnvelope envelope, String detail, Instant now, String live, long liveVersion) {
        Profile shadow = rules.profile(envelope.getProfile());
        return ShadowLogFactory.failed(envelope, shadow.name(), shadow.source().getAudit().getVersion(), detail, now,
                live, liveVersion);
    }
}
