package io.mmsguard.deploy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mmsguard.notifier.stream.NoticeTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.schemas.Topics;

/**
 * The topics of ARCHITECTURE.md with the settings their role needs: compacted configuration topics that keep
 * the latest profile forever, short-lived decisions, a long archive. Partition counts suit the embedded
 * single-node mode; clustered deployments size them in their own manifests (k8s/base/kafka-topics.yaml,
 * deploy/compose/compose.yaml), whose names and configs a test holds equal to these. Names come from the topics'
 * declarations ({@code Contracts}, {@code NoticeTopics}).
 */
public final class TopicPlan {
    /** One topic: name, partitions and the topic-level configs that differ from the broker defaults. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
    }

    private static final String ONE_HOUR_MS = "3600000";
    private static final String SEVEN_DAYS_MS = "604800000";
    private static final String THIRTY_DAYS_MS = "2592000000";
    private static final String NINETY_DAYS_MS = "7776000000";
    private static final Map<String, String> COMPACTED =
            Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0");

    private TopicPlan() {
    }

    public static List<TopicSpec> embedded() {
        return List.of(
                // Envelopes and archive records carry the message content: records up to MessageSize.MAX_RECORD_BYTES.
                // Envelopes carry the broker's append time (Topics.inboundTopicConfigs): the start of their session.
                new TopicSpec(Contracts.INBOUND.defaultTopic(), 3, withContent(inbound())),
                // Decisions are read within the session timeout; an hour is ample for replay after a gateway restart.
                new TopicSpec(Contracts.DECISIONS.defaultTopic(), 1, Map.of("retention.ms", ONE_HOUR_MS)),
                new TopicSpec(Contracts.PROFILES.defaultTopic(), 1, COMPACTED),
                new TopicSpec(Contracts.ENDPOINT_LISTS.defaultTopic(), 1, COMPACTED),
                new TopicSpec(Contracts.ARCHIVE.defaultTopic(), 3, withContent(Map.of("retention.ms", NINETY_DAYS_MS))),
                new TopicSpec(Contracts.ALERTS.defaultTopic(), 1, Map.of("retention.ms", SEVEN_DAYS_MS)),
                new TopicSpec(Contracts.INSPECTION_LOG.defaultTopic(), 3, Map.of("retention.ms", SEVEN_DAYS_MS)),
                // The notifier's internal notices (JSON, no registry subject) and what it could not deliver.
                new TopicSpec(NoticeTopics.NOTICES.name(), 1, Map.of("retention.ms", SEVEN_DAYS_MS)),
                new TopicSpec(NoticeTopics.NOTICES_DEAD.name(), 1, Map.of("retention.ms", THIRTY_DAYS_MS)));
    }

    private static Map<String, String> inbound() {
        Map<String, String> out = new TreeMap<>(Topics.inboundTopicConfigs());
        out.put("retention.ms", SEVEN_DAYS_MS);
        return out;
    }

    private static Map<String, String> withContent(Map<String, String> configs) {
        Map<String, String> out = new TreeMap<>(configs);
        out.putAll(MessageSize.contentTopicConfigs());
        return Map.copyOf(out);
    }

    /** The topics whose values are Avro contracts registered under {@code <topic>-value}. */
    public static List<TopicSpec> avro() {
        return embedded().stream().filter(t -> Contracts.forTopic(t.name()).isPresent()).toList();
    }
}
