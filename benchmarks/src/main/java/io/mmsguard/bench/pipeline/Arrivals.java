package io.mmsguard.bench.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the beginning, read_committed (as a gateway does), until {@code expected} records arrived,
 * noting when the last one arrived and, per record, how long after its timestamp (the inbound record's, which
 * Kafka Streams carries over to what it writes) it became visible.
 */
final class Arrivals {
    private final long lastArrivalMillis;
    private final List<Long> latenciesMillis;

    private Arrivals(long lastArrivalMillis, List<Long> latenciesMillis) {
        this.lastArrivalMillis = lastArrivalMillis;
        this.latenciesMillis = latenciesMillis;
    }

    static Arrivals await(String bootstrap, String topic, int expected, Duration timeout) {
        Properties p = new Properties();
        p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<Long> latencies = new ArrayList<>(expected);
            long last = 0;
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (latencies.size() < expected) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(topic + ": " + latencies.size() + " of " + expected
                            + " records within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    latencies.add(now - r.timestamp());
                    last = now;
                }
            }
            return new Arrivals(last, latencies);
        }
    }

    long lastArrivalMillis() {
        return lastArrivalMillis;
    }

    /** The q-quantile (0..1) of the visibility latency, nearest rank. */
    long latencyQuantile(double q) {
        List<Long> sorted = new ArrayList<>(latenciesMillis);
        Collections.sort(sorted);
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
