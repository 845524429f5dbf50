package io.mmsguard.deploy.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.schemas.config.ConfigStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the inspection service reports each written version on mms.config-status: in force, or rejected with
 * its reason. The first instance to report a version decides for it; a report of a later version (another apply
 * since) counts as in force. Reads the compacted topic from its start, so a report written before the wait began
 * counts too.
 */
final class ConfigStatusWait {
    private static final Duration POLL = Duration.ofMillis(200);

    /** The verdict on one written version; {@code status} empty when nobody reported it in time. */
    record Outcome(ConfigTransaction.Applied applied, Optional<ConfigStatus> status) {
        boolean rejected() {
            return status.isPresent() && !status.get().inForce() && status.get().version() == applied.version();
        }

        String describe() {
            String what = ConfigRecords.label(applied.kind()) + " " + applied.name() + " version " + applied.version();
            return status.map(s -> what + ": " + (rejected() ? s.describe() : "in force")
                            + (s.version() > applied.version() ? " (superseded by version " + s.version() + ")" : "")
                            + " on inspection instance " + s.instance())
                    .orElse(what + ": not reported by any inspection instance");
        }
    }

    private ConfigStatusWait() {
    }

    static List<Outcome> await(Connection connection, String topic, List<ConfigTransaction.Applied> applied,
                               Duration timeout) {
        Map<String, Optional<ConfigStatus>> decided = new LinkedHashMap<>();
        applied.forEach(a -> decided.put(a.kind() + "/" + a.name(), Optional.empty()));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = connection.textConsumer()) {
            List<TopicPartition> partitions = CompactedTopic.partitions(consumer, topic, connection);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (decided.containsValue(Optional.empty()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                    if (r.value() == null) {
                        continue;
                    }
                    ConfigStatus.parse(r.value()).ifPresent(s -> decide(s, applied, decided));
                }
            }
        }
        List<Outcome> out = new ArrayList<>();
        for (ConfigTransaction.Applied a : applied) {
            out.add(new Outcome(a, decided.get(a.kind() + "/" + a.name())));
        }
        return out;
    }

    private static void decide(ConfigStatus s, List<ConfigTransaction.Applied> applied,
                               Map<String, Optional<ConfigStatus>> decided) {
        for (ConfigTransaction.Applied a : applied) {
            String key = a.kind() + "/" + a.name();
            if (s.kind().equals(a.kind()) && s.name().equals(a.name()) && s.version() >= a.version()
                    && decided.get(key).isEmpty()) {
                decided.put(key, Optional.of(s));
            }
        }
    }
}
