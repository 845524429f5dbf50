package io.mmsguard.notifier.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.MessageSize;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregation stage on Kafka Streams with exactly-once v2: the store update of a notice window and the notice
 * it forwards commit in one transaction, so a restart neither loses nor repeats a notice at this stage.
 */
public final class NotifierService implements AutoCloseable {
    public static final String APPLICATION_ID = "mmsguard-notifier";
    private static final Logger LOG = LoggerFactory.getLogger(NotifierService.class);

    /**
     * @param kafka       Kafka Streams / client properties (bootstrap.servers at least); they override the defaults
     * @param serde       registry client configuration (schema.registry.url, ...)
     * @param stateDir    Kafka Streams state directory
     * @param meters      where Kafka Streams metrics are bound, or null
     */
    public record Config(Map<String, Object> kafka, Map<String, Object> serde, Path stateDir,
                         NotifierSettings settings, MeterRegistry meters) {
    }

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NotifierService(KafkaStreams streams, KafkaStreamsMetrics metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    /** The notifier resolves names the gateways put on envelopes, so it pins every name as the topology does. */
    private static ProfileCatalog profiles(Config config) {
        ProfileCatalog profiles = ProfileCatalog.pinningEveryName(ProfileValidator.standard());
        return config.meters() == null ? profiles : profiles.bindTo(config.meters());
    }

    public static NotifierService start(Config config, Clock clock) {
        KafkaStreams streams = new KafkaStreams(NotifierTopology.build(profiles(config),
                ContractTopics.create(config.serde()), config.settings(), clock), properties(config));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread died; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStreamsMetrics metrics = null;
        if (config.meters() != null) {
            metrics = new KafkaStreamsMetrics(streams);
            metrics.bindTo(config.meters());
        }
        streams.start();
        return new NotifierService(streams, metrics);
    }

    static Properties properties(Config config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        // Skip and log what cannot be read or processed (alerts, and profiles on the global thread): one bad record
        // must not stop the partition, nor every instance from applying the next good profile.
        Map.of(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true).forEach(props::put);
        // Notices are small; the producer limit is still the project's one figure, so no client is the odd one out.
        props.putAll(MessageSize.producerConfigs());
        props.putAll(config.kafka());
        return props;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Idempotent. Leaves the group so that another instance takes the tasks at once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (metrics != null) {
            metrics.close();
        }
    }
}
