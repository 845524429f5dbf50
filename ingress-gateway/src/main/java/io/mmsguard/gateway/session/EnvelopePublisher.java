package io.mmsguard.gateway.session;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.schemas.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes envelopes to mms.inbound, keyed by sender (the topology's partitioning), with an idempotent producer and
 * acks=all. {@code send} can block while Kafka is unreachable (metadata), so it runs on its own thread, never on a
 * Netty event loop; the delivery timeout is kept inside the session timeout so that a failure is known in time to
 * answer the client.
 */
public final class EnvelopePublisher implements EnvelopeSink, AutoCloseable {
    private final KafkaProducer<String, MmsEnvelope> producer;
    private final Topic<String, MmsEnvelope> topic;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "envelope-publisher");
        t.setDaemon(true);
        return t;
    });

    private final ClockSkew skew;
    private final LongSupplier clock;

    /** @param skew told the broker's append time of every acknowledged envelope (mms.inbound is LogAppendTime) */
    public EnvelopePublisher(Map<String, String> kafka, Topic<String, MmsEnvelope> topic, Duration sessionTimeout,
                             ClockSkew skew) {
        this(kafka, topic, sessionTimeout, skew, System::currentTimeMillis);
    }

    /** @param clock this host's wall clock in milliseconds, compared with the brokers' */
    EnvelopePublisher(Map<String, String> kafka, Topic<String, MmsEnvelope> topic, Duration sessionTimeout,
                      ClockSkew skew, LongSupplier clock) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        long budget = Math.max(1000, sessionTimeout.toMillis());
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, budget / 2);
        p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (budget / 2));
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) budget);
        // An envelope carries up to MessageSize.MAX_CONTENT_BYTES inline: the producer must not refuse it.
        MessageSize.producerConfigs().forEach(p::putIfAbsent);
        this.producer = new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer());
        this.topic = topic;
        this.skew = skew;
        this.clock = clock;
    }

    /**
     * Fetches mms.inbound's partitions and their leaders now (blocking up to {@code max.block.ms}) rather than in the
     * first session's send.
     *
     * @return the number of partitions
     */
    public int warmUp() {
        return producer.partitionsFor(topic.name()).size();
    }

    @Override
    public CompletableFuture<RecordMetadata> publish(MmsEnvelope envelope) {
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        sender.execute(() -> {
            try {
                long sentAt = clock.getAsLong();
                producer.send(new ProducerRecord<>(topic.name(), envelope.getSender(), envelope), (meta, e) -> {
                    if (e != null) {
                        done.completeExceptionally(e);
                    } else {
                        skew.observe(sentAt, meta.timestamp(), clock.getAsLong());
                        done.complete(meta);
                    }
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    @Override
    public void close() {
        sender.shutdown();
        producer.close(Duration.ofSeconds(5));
    }
}
