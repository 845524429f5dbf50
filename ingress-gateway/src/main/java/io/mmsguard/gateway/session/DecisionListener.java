package io.mmsguard.gateway.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.Decision;
import io.mmsguard.schemas.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this gateway's own partitions of mms.decisions (manual assignment, no consumer group: a partition belongs to
 * exactly one gateway instance by configuration) from their end, read_committed, and completes the waiting sessions.
 * Decisions for sessions nobody waits for (timed out, or sent before a restart) are counted and dropped: their
 * session was already answered.
 */
public final class DecisionListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionListener.class);

    private final KafkaConsumer<String, Decision> consumer;
    private final List<TopicPartition> partitions;
    private final PendingSessions pending;
    private final GatewayMetrics metrics;
    private final RoundTrips roundTrips;
    private final Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile boolean running = true;

    public DecisionListener(Map<String, String> kafka, Topic<String, Decision> topic, List<Integer> partitions,
                            PendingSessions pending, GatewayMetrics metrics, RoundTrips roundTrips) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        this.partitions = new ArrayList<>();
        partitions.forEach(n -> this.partitions.add(new TopicPartition(topic.name(), n)));
        this.pending = pending;
        this.metrics = metrics;
        this.roundTrips = roundTrips;
        this.thread = new Thread(this::run, "decision-listener");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Waits until the consumer is positioned at the end of its partitions, so no decision for a new session is missed. */
    public boolean awaitAssigned(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            assigned.countDown();
            LOG.info("reading decisions from {}", partitions);
            while (running) {
                try {
                    for (ConsumerRecord<String, Decision> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.value() == null) {
                            continue;
                        }
                        if (!pending.complete(r.value())) {
                            metrics.lateDecision();
                            roundTrips.decided(); // late, but the round trip works
                        }
                    }
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    // An unreadable record or a broker problem must not end the listener: every session waiting
                    // would time out. Skip past a poisoned record and go on.
                    LOG.error("decision listener: {}; continuing", e.toString());
                    skipPoisoned(e);
                    sleepQuietly();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            assigned.countDown();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void skipPoisoned(RuntimeException e) {
        if (e instanceof org.apache.kafka.common.errors.RecordDeserializationException rde) {
            consumer.seek(rde.topicPartition(), rde.offset() + 1);
            metrics.unreadableDecision();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
