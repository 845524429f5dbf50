package io.mmsguard.deploy.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.mmsguard.schemas.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The current value per key of a compacted topic: every partition read from the beginning to the end offset taken
 * when reading starts, the last record per key winning and a tombstone deleting the key, as the topology's global
 * stores see it.
 */
final class CompactedTopic {
    private static final Duration POLL = Duration.ofMillis(500);

    private CompactedTopic() {
    }

    static <T> Map<String, T> read(Connection connection, Topic<String, T> topic) {
        Map<String, T> current = new LinkedHashMap<>();
        readToEnd(connection, topic, r -> {
            if (r.key() == null) {
                return;
            }
            if (r.value() == null) {
                current.remove(r.key());
            } else {
                current.put(r.key(), r.value());
            }
        });
        return current;
    }

    /**
     * Every record of every partition, from the beginning to the end offsets taken when reading starts (committed
     * records only); a record that cannot be decoded ends the command (exit 1).
     */
    static <T> void readToEnd(Connection connection, Topic<String, T> topic, Consumer<ConsumerRecord<String, T>> each) {
        try (KafkaConsumer<String, T> consumer = connection.consumer(topic)) {
            List<TopicPartition> partitions = partitions(consumer, topic.name(), connection);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, T> r : consumer.poll(POLL)) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.SerializationException e) {
            throw new CliException(ExitCodes.FAILED, "cannot decode a record on " + topic + ": " + e.getMessage(), e);
        }
    }

    /** The topic's partitions; a missing topic is an error (exit 1), not an empty configuration. */
    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Connection connection) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Connection.TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new CliException(ExitCodes.FAILED, "topic " + topic + " does not exist on " + connection.bootstrapServers());
        }
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }
}
