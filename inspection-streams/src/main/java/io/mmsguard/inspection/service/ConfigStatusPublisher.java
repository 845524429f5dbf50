package io.mmsguard.inspection.service;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * instance: the version and "in-force" or why it was rejected. The global thread only hands the status over: a
 * sender thread of its own sends the newest status per key, so a missing topic or a slow broker never holds back
 * the profiles (statuses waiting for it are coalesced per key, so memory stays one entry per record name). A failed
 * send is logged; the next record's status replaces it, since the compacted topic keeps only the newest per key.
 */
final class ConfigStatusPublisher implements RulesListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigStatusPublisher.class);

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final String instance;
    private final Clock clock;
    private final Map<String, ConfigStatus> pending = new LinkedHashMap<>();
    private final Thread sender;
    private volatile boolean closed;

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
        this.sender = new Thread(this::sendLoop, "config-status-sender");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void read(String kind, String name, long version, List<ValidationProblem> problems) {
        ConfigStatus status = new ConfigStatus(kind, name, instance, version, problems.isEmpty(),
                problems.isEmpty() ? Optional.empty() : Optional.of(describe(problems)), clock.millis());
        synchronized (pending) {
            pending.remove(status.key());
            pending.put(status.key(), status);
            pending.notifyAll();
        }
    }

    private void sendLoop() {
        while (true) {
            ConfigStatus next;
            synchronized (pending) {
                while (pending.isEmpty() && !closed) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                String key = pending.keySet().iterator().next();
                next = pending.remove(key);
            }
            send(next);
        }
    }

    private void send(ConfigStatus status) {
        try {
            producer.send(new ProducerRecord<>(topic, status.key(), status.toJson()), (metadata, e) -> {
                if (e != null) {
                    LOG.warn("{} {} version {}: status not published to {}: {}", status.kind(), status.name(),
                            status.version(), topic, e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("{} {} version {}: status not published to {}: {}", status.kind(), status.name(),
                    status.version(), topic, e.toString());
        }
    }

    private static String describe(List<ValidationProblem> problems) {
        return String.join("; ", problems.stream().map(p -> p.path().isEmpty() ? p.reason()
                : p.path() + ": " + p.reason()).toList());
    }

    /** Sends what is pending (bounded by the producer's max.block.ms per status), then closes the producer. */
    @Override
    public void close() {
        synchronized (pending) {
            closed = true;
            pending.notifyAll();
        }
        try {
            sender.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
