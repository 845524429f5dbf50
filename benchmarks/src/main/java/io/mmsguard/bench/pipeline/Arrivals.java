package io.mmsguard.bench.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the beginning, read_committed (as a gateway does), until {@code expected} records arrived,
 * noting when each one arrived and how long after its timestamp (the inbound record's, which Kafka Streams carries
 * over to what it writes) it became visible, in an HdrHistogram of milliseconds (3 significant digits).
 */
public final class Arrivals {
    private final long[] arrivalMillis;
    private final Histogram latencyMillis;

    private Arrivals(long[] arrivalMillis, Histogram latencyMillis) {
        this.arrivalMillis = arrivalMillis;
        this.latencyMillis = latencyMillis;
    }

    public static Arrivals await(String bootstrap, String topic, int expected, Duration timeout) {
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
            Histogram latencies = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
            long[] arrivals = new long[expected];
            int n = 0;
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (n < expected) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(topic + ": " + n + " of " + expected + " records within "
                            + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    if (n < expected) {
                        arrivals[n++] = now;
                        latencies.recordValue(Math.max(0, now - r.timestamp()));
                    }
                }
            }
            return new Arrivals(arrivals, latencies);
        }
    }

    long lastArrivalMillis() {
        return arrivalMillis[arrivalMillis.length - 1];
    }

    /** How many records became visible before {@code millis}. */
    int arrivedBefore(long millis) {
        int n = 0;
        for (long a : arrivalMillis) {
            n += a < millis ? 1 : 0;
        }
        return n;
    }

    /**
     * Records per second from {@code startMillis} to the last arrival, counting only what arrived from
     * {@code startMillis} on (what became visible before it was not measured); NaN when nothing was left.
     */
    public double rateSince(long startMillis) {
        int counted = arrivalMillis.length - arrivedBefore(startMillis);
        return counted == 0 ? Double.NaN : counted * 1000.0 / Math.max(1, lastArrivalMillis() - startMillis);
    }

    /** Visibility latency at the given percentile (0..100), in ms, as HdrHistogram reports it. */
    long latencyPercentile(double percentile) {
        return latencyMillis.getValueAtPercentile(percentile);
    }

    long maxLatency() {
        return latencyMillis.getMaxValue();
    }
}
