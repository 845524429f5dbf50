package io.mmsguard.deploy;

import java.util.List;
import java.util.Map;

import io.mmsguard.schemas.Topics;

/**
 * The topics of ARCHITECTURE.md with the settings their role needs: compacted configuration topics that keep
 * the latest profile forever, short-lived decisions, a long archive. Partition counts suit the embedded
 * single-node mode; clustered deployments size them in their own manifests (k8s/base/kafka-topics.yaml,
 * deploy/compose/compose.yaml), whose names and configs a test holds equal to these.
 */
public final class TopicPlan {
    /** One topic: name, partitions and the topic-level configs that differ from the broker defaults. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
    }

    private static final String ONE_HOUR_MS = "3600000";
    private static final String SEVEN_DAYS_MS = "604800000";
    private static final String THIRTY_DAYS_MS = "2592000000";
    private static final String NINETY_DAYS_MS = "7776000000";

    private TopicPlan() {
    }

    public static List<TopicSpec> embedded() {
        return List.of(
                new TopicSpec(Topics.INBOUND, 3, Map.of("retention.ms", SEVEN_DAYS_MS)),
                // Decisions are read within the session timeout; an hour is ample for replay after a gateway restart.
                new TopicSpec(Topics.DECISIONS, 1, Map.of("retention.ms", ONE_HOUR_MS)),
                new TopicSpec(Topics.PROFILES, 1, Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")),
                new TopicSpec(Topics.ENDPOINT_LISTS, 1, Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")),
                new TopicSpec(Topics.ARCHIVE, 3, Map.of("retention.ms", NINETY_DAYS_MS)),
                new TopicSpec(Topics.ALERTS, 1, Map.of("retention.ms", SEVEN_DAYS_MS)),
                new TopicSpec(Topics.INSPECTION_LOG, 3, Map.of("retention.ms", SEVEN_DAYS_MS)),
                // The notifier's internal notices (JSON, no registry subject) and what it could not deliver.
                new TopicSpec(Topics.NOTICES, 1, Map.of("retention.ms", SEVEN_DAYS_MS)),
                new TopicSpec(Topics.NOTICES_DEAD, 1, Map.of("retention.ms", THIRTY_DAYS_MS)));
    }

    /** The topics whose values are Avro contracts registered under {@code <topic>-value}. */
    public static List<TopicSpec> avro() {
        return embedded().stream()
                .filter(t -> !t.name().equals(Topics.NOTICES) && !t.name().equals(Topics.NOTICES_DEAD)).toList();
    }
}
