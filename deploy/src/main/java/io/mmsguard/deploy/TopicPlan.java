package io.mmsguard.deploy;

import java.time.Duration;
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
    private static final String ONE_YEAR_MS = "31536000000";
    private static final int INBOUND_PARTITIONS = 3;
    /**
     * How long mms.archive keeps subscribers' messages unless the operator says otherwise: 30 days. The archive holds
     * message content, which a carrier may keep only as long as its purpose needs (data minimisation); the purposes
     * here are abuse investigations, which start within days of a flood or a campaign, and subscriber complaints,
     * which follow the monthly bill: one billing cycle covers both. Overridden where the topics are created
     * (docs/configuration.md, "Topics"): compose's ARCHIVE_RETENTION_MS, a kustomize patch of the KafkaTopic,
     * {@code mmsguard up --archive-retention-days}.
     */
    public static final Duration ARCHIVE_RETENTION = Duration.ofDays(30);
    /**
     * How long mms.config-audit keeps every applied version of the profiles and endpoint lists: 400 days, a year of
     * history plus a month, so that last year's change on the same day is still there to compare with and roll back
     * to. It holds configuration only (no subscriber data), a few records per change.
     */
    public static final Duration CONFIG_AUDIT_RETENTION = Duration.ofDays(400);
    private static final Map<String, String> COMPACTED =
            Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0");

    private TopicPlan() {
    }

    /** The plan with the default archive retention. */
    public static List<TopicSpec> embedded() {
        return embedded(ARCHIVE_RETENTION);
    }

    /** The plan with the operator's archive retention. */
    public static List<TopicSpec> embedded(Duration archiveRetention) {
        if (archiveRetention.isNegative() || archiveRetention.isZero()) {
            throw new IllegalArgumentException("the archive retention must be positive, not " + archiveRetention);
        }
        return List.of(
                // Envelopes and archive records carry the message content: records up to MessageSize.MAX_RECORD_BYTES.
                // Envelopes carry the broker's append time (Topics.inboundTopicConfigs): the start of their session.
                new TopicSpec(Contracts.INBOUND.defaultTopic(), INBOUND_PARTITIONS, withContent(inbound())),
                // Decisions are read within the session timeout; an hour is ample for replay after a gateway restart.
                new TopicSpec(Contracts.DECISIONS.defaultTopic(), 1, Map.of("retention.ms", ONE_HOUR_MS)),
                new TopicSpec(Contracts.PROFILES.defaultTopic(), 1, COMPACTED),
                new TopicSpec(Contracts.ENDPOINT_LISTS.defaultTopic(), 1, COMPACTED),
                // Append-only: every applied version stays until the retention, whatever the compacted topics keep.
                new TopicSpec(Contracts.CONFIG_AUDIT.defaultTopic(), 1, Map.of("cleanup.policy", "delete",
                        "retention.ms", String.valueOf(CONFIG_AUDIT_RETENTION.toMillis()))),
                // Per profile or list and inspection instance, the version it read and whether it is in force (JSON).
                new TopicSpec(Topics.CONFIG_STATUS, 1, COMPACTED),
                new TopicSpec(Contracts.ARCHIVE.defaultTopic(), 3, withContent(Map.of("retention.ms",
                        String.valueOf(archiveRetention.toMillis())))),
                new TopicSpec(Contracts.ALERTS.defaultTopic(), 1, Map.of("retention.ms", SEVEN_DAYS_MS)),
                new TopicSpec(Contracts.INSPECTION_LOG.defaultTopic(), 3, Map.of("retention.ms", SEVEN_DAYS_MS)),
                // Operators' resets: co-partitioned with mms.inbound (same key, same partition count), since the
                // sender stage reads both in one task; the broker's append time orders a reset among the envelopes.
                // Append-only for a year: the audit trail of resets.
                new TopicSpec(Contracts.STATE_RESETS.defaultTopic(), INBOUND_PARTITIONS, Map.of("retention.ms",
                        ONE_YEAR_MS, Topics.TIMESTAMP_TYPE, "LogAppendTime")),
                // A shadow profile's would-be decisions: read by shadow report for a week, like the inspection log
                // it is joined with.
                new TopicSpec(Contracts.SHADOW_LOG.defaultTopic(), 3, Map.of("retention.ms", SEVEN_DAYS_MS)),
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

    /** The archive's retention.ms in a plan. */
    public static String archiveRetentionMs(List<TopicSpec> plan) {
        return plan.stream().filter(t -> t.name().equals(Contracts.ARCHIVE.defaultTopic())).findFirst()
                .orElseThrow().configs().get("retention.ms");
    }

    /** The topics whose values are Avro contracts registered under {@code <topic>-value}. */
    public static List<TopicSpec> avro() {
        return embedded().stream().filter(t -> Contracts.forTopic(t.name()).isPresent()).toList();
    }
}
