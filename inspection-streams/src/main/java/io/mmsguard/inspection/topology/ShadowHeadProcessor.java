package io.mmsguard.inspection.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.inspection.profile.Profile;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow application's head: keeps the envelopes whose live profile names a shadow for the envelope's
 * interface and hands them to the stages as if the gateway had named the shadow profile. The live profile's name
 * and version travel in record headers (Kafka Streams keeps them through the by-checksum repartition) to the
 * shadow-log record.
 *
 * <p>The session timeout is dropped: the shadow answers nobody, so a shadow that lags (or catches up after a
 * stall) judges every message instead of finding it expired. A shadow profile that is not in force is logged once a
 * minute per name, counted, and the message skipped: without the profile there is no would-be decision to write.
 */
final class ShadowHeadProcessor implements FixedKeyProcessor<String, MmsEnvelope, MmsEnvelope> {
    static final String LIVE_PROFILE_HEADER = "mmsguard.live-profile";
    static final String LIVE_VERSION_HEADER = "mmsguard.live-profile-version";
    private static final Logger LOG = LoggerFactory.getLogger(ShadowHeadProcessor.class);
    private static final LogLimiter MISSING_LOG = new LogLimiter(60_000, 1_000, System::currentTimeMillis);

    private final RuleBook rules;
    private final ShadowMetrics metrics;
    private final ShadowHook hook;
    private FixedKeyProcessorContext<String, MmsEnvelope> context;

    ShadowHeadProcessor(RuleBook rules, ShadowMetrics metrics, ShadowHook hook) {
        this.rules = rules;
        this.metrics = metrics;
        this.hook = hook;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, MmsEnvelope> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, MmsEnvelope> record) {
        MmsEnvelope envelope = record.value();
        if (envelope == null) {
            return;
        }
        hook.before(envelope);
        MmsInterface mmsInterface = envelope.getMmsInterface();
        Profile live = rules.profile(envelope.getProfile());
        String shadow = live.settings(mmsInterface).getShadow();
        if (shadow == null) {
            return;
        }
        if (rules.find(shadow).isEmpty()) {
            metrics.missing(mmsInterface);
            if (MISSING_LOG.allow(shadow)) {
                LOG.warn("profile {} names shadow profile {} on {}, which is not in force: its messages are not"
                        + " judged by a shadow (logged once a minute)", live.name(), shadow, mmsInterface);
            }
            return;
        }
        // In place: the shadow application deserialized this envelope for itself, and a builder copy would
        // deep-copy every part's content (30 kB a message) only to change two fields.
        envelope.setProfile(shadow);
        envelope.setSessionTimeoutMs(null);
        Headers headers = record.headers();
        headers.remove(LIVE_PROFILE_HEADER).remove(LIVE_VERSION_HEADER);
        headers.add(LIVE_PROFILE_HEADER, live.name().getBytes(StandardCharsets.UTF_8));
        headers.add(LIVE_VERSION_HEADER,
                ByteBuffer.allocate(Long.BYTES).putLong(live.source().getAudit().getVersion()).array());
        context.forward(record.withHeaders(headers));
    }

    /** The live profile's name from a record's headers; empty when the record has none. */
    static Optional<String> liveProfile(Headers headers) {
        Header h = headers.lastHeader(LIVE_PROFILE_HEADER);
        return h == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    /** The live profile's audit version from a record's headers; 0 when the record has none. */
    static long liveVersion(Headers headers) {
        Header h = headers.lastHeader(LIVE_VERSION_HEADER);
        return h == null || h.value().length != Long.BYTES ? 0 : ByteBuffer.wrap(h.value()).getLong();
    }
}
