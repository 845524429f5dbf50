package io.mmsguard.embedded;

import io.mmsguard.avro.InspectionLog;
import io.mmsguard.gateway.mm1.SenderAddress;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
import io.mmsguard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the demo reads back from Kafka: the inspection log of its own messages (why each was passed or blocked),
 * and whether the notifier has caught up (its aggregation has consumed every committed alert and its delivery
 * every committed notice), which makes the demo's list of notices complete without guessing a wait.
 */
final class DemoObserver {
    private final String bootstrap;
    private final String registryUrl;
    private final String notifierApplicationId;
    private final String deliveryGroupId;
    private final String noticesTopic;

    DemoObserver(String bootstrap, String registryUrl, String notifierApplicationId, String deliveryGroupId,
                 String noticesTopic) {
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.notifierApplicationId = notifierApplicationId;
        this.deliveryGroupId = deliveryGroupId;
        this.noticesTopic = noticesTopic;
    }

    /**
     * The inspection-log records of {@code senders} written since {@code since}, per {@code <interface>|<sender>}
     * in log order (one sender's records share a partition, so this is the order they were sent in). Reads until
     * {@code expected} records were found or {@code timeout} passed.
     */
    Map<String, List<InspectionLog>> inspectionLogSince(Instant since, List<String> senders, int expected,
                                                        Duration timeout) {
        Set<String> wanted = senders.stream().map(SenderAddress::normalise).collect(Collectors.toSet());
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true);
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, List<InspectionLog>> out = new HashMap<>();
        int found = 0;
        Topic<String, InspectionLog> logs = ContractTopics.create(serde).topic(Contracts.INSPECTION_LOG);
        try (KafkaConsumer<String, InspectionLog> consumer = new KafkaConsumer<>(c, logs.keySerde().deserializer(),
                logs.valueSerde().deserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(logs.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(tps);
            Map<TopicPartition, Long> times = new HashMap<>();
            tps.forEach(tp -> times.put(tp, since.minusSeconds(1).toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
            for (TopicPartition tp : tps) {
                OffsetAndTimestamp o = offsets.get(tp);
                if (o == null) {
                    consumer.seekToEnd(List.of(tp));
                } else {
                    consumer.seek(tp, o.offset());
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, InspectionLog> r : consumer.poll(Duration.ofMillis(200))) {
                    InspectionLog log = r.value();
                    if (log != null && wanted.contains(log.getSender())) {
                        out.computeIfAbsent(log.getMmsInterface() + "|" + log.getSender(), k -> new ArrayList<>())
                                .add(log);
                        found++;
                    }
                }
            }
        }
        return keyedByRawSender(out, senders);
    }

    /** Re-keys {@code <interface>|<normalised sender>} to the sender as the demo wrote it. */
    private static Map<String, List<InspectionLog>> keyedByRawSender(Map<String, List<InspectionLog>> logs,
                                                                    List<String> senders) {
        Map<String, List<InspectionLog>> out = new HashMap<>();
        logs.forEach((key, records) -> {
            int bar = key.indexOf('|');
            String iface = key.substring(0, bar);
            String normalised = key.substring(bar + 1);
            senders.stream().filter(s -> SenderAddress.normalise(s).equals(normalised))
                    .forEach(s -> out.put(iface + "|" + s, records));
        });
        return out;
    }

    /**
     * Waits until the notifier's aggregation has committed an offset past every committed alert and its delivery
     * past every committed notice. The gateways answered only after the topology committed the decisions, and
     * alerts commit in the same transactions, so every alert of the demo is counted.
     * <p>
     * Both topics are written transactionally: the end offset lies behind a commit marker that no consumer
     * commits past, so "caught up" compares with the offset of the last record, not with the end offset.
     *
     * @return false when {@code timeout} passed first
     */
    boolean awaitNotifierCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                     new ByteArrayDeserializer())) {
            while (System.nanoTime() < deadline) {
                try {
                    if (caughtUp(admin, reader, notifierApplicationId, Topics.ALERTS)
                            && caughtUp(admin, reader, deliveryGroupId, noticesTopic)) {
                        return true;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // The groups may not exist yet right after start; ask again.
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        return false;
    }

    private static boolean caughtUp(Admin admin, KafkaConsumer<byte[], byte[]> reader, String group, String topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        for (PartitionInfo p : reader.partitionsFor(topic)) {
            TopicPartition tp = new TopicPartition(topic, p.partition());
            long last = lastRecordOffset(reader, tp);
            OffsetAndMetadata c = committed.get(tp);
            if (last >= 0 && (c == null || c.offset() <= last)) {
                return false;
            }
        }
        return true;
    }

    /** Offset of the last committed record of {@code tp}, or -1 when it has none. */
    private static long lastRecordOffset(KafkaConsumer<byte[], byte[]> reader, TopicPartition tp) {
        reader.assign(List.of(tp));
        reader.seekToEnd(List.of(tp));
        long end = reader.position(tp);
        long from = end;
        while (from > 0) {
            from = Math.max(0, from - 100);
            reader.seek(tp, from);
            long last = -1;
            while (reader.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    last = Math.max(last, r.offset());
                }
            }
            if (last >= 0) {
                return last;
            }
        }
        return -1;
    }
}
