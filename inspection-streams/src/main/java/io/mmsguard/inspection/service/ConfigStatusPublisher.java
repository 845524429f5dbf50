package io.mmsguard.inspection.service;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.inspection.topology.RulesListener;
import io.mmsguard.inspection.validation.ValidationProblem;
import io.mmsguard.schemas.config.ConfigStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every profile and endpoint-list record this instance read to mms.config-status, keyed by kind, name and
 * instance: the version and "in-force" or why it was rejected. Sent asynchronously from the global thread; a failed
 * send is logged and the next record's status replaces it, since the compacted topic keeps only the newest per key.
 */
final class ConfigStatusPublisher implements RulesListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigStatusPublisher.class);

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final String instance;
    private final Clock clock;

    ConfigStatusPublisher(Map<String, String> kafka, String topic, String instance, Clock clock) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Never stall the global thread for long on a broker that is away: the status is advisory.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(5).toMillis());
        // Streams' settings passed through under kafka.* that a plain producer does not know would only be logged.
        p.keySet().removeIf(k -> k.startsWith("main.") || k.startsWith("global.") || k.startsWith("restore.")
                || k.startsWith("admin.") || k.startsWith("consumer.") || k.equals("replication.factor"));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        this.topic = topic;
        this.instance = instance;
        this.clock = clock;
    }

    @Override
    public void read(String kind, String name, long version, List<ValidationProblem> problems) {
        ConfigStatus status = new ConfigStatus(kind, name, instance, version, problems.isEmpty(),
                problems.isEmpty() ? Optional.empty() : Optional.of(describe(problems)), clock.millis());
        try {
            producer.send(new ProducerRecord<>(topic, status.key(), status.toJson()), (metadata, e) -> {
                if (e != null) {
                    LOG.warn("{} {} version {}: status not published to {}: {}", kind, name, version, topic,
                            e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("{} {} version {}: status not published to {}: {}", kind, name, version, topic, e.toString());
        }
    }

    private static String describe(List<ValidationProblem> problems) {
        return String.join("; ", problems.stream().map(p -> p.path().isEmpty() ? p.reason()
                : p.path() + ": " + p.reason()).toList());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
