package io.mmsguard.deploy.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.avro.ConfigAuditRecord;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** The applied versions on mms.config-audit (committed only), of one record or of all, oldest first. */
final class ConfigAuditLog {
    private static final Duration POLL = Duration.ofMillis(500);

    private ConfigAuditLog() {
    }

    /** Every version on the topic; {@code kind} and {@code name} empty for all records. */
    static List<ConfigAuditRecord> read(Connection connection, String topicName, Optional<String> kind,
                                        Optional<String> name) {
        Topic<String, ConfigAuditRecord> topic = connection.topic(Contracts.CONFIG_AUDIT, topicName);
        List<ConfigAuditRecord> out = new ArrayList<>();
        try (KafkaConsumer<String, ConfigAuditRecord> consumer = connection.consumer(topic)) {
            List<TopicPartition> partitions = CompactedTopic.partitions(consumer, topic.name(), connection);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, ConfigAuditRecord> r : consumer.poll(POLL)) {
                    ConfigAuditRecord v = r.value();
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition())) || v == null) {
                        continue;
                    }
                    if (kind.map(v.getKind()::equals).orElse(true) && name.map(v.getName()::equals).orElse(true)) {
                        out.add(v);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.SerializationException e) {
            throw new CliException(ExitCodes.FAILED, "cannot decode a record on " + topicName + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(ConfigAuditRecord::getAppliedAt).thenComparing(ConfigAuditRecord::getKind)
                .thenComparing(ConfigAuditRecord::getName).thenComparingLong(ConfigAuditRecord::getVersion));
        return out;
    }

    /** The record as written at that version, its stamp included. */
    static SpecificRecord record(ConfigAuditRecord version) {
        return version.getProfile() != null ? version.getProfile() : version.getEndpointList();
    }
}
