package io.mmsguard.schemas;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.ConfigAuditRecord;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.ShadowLog;
import io.mmsguard.avro.StateReset;
import io.mmsguard.avro.internal.SenderStageOutcome;
import io.mmsguard.avro.internal.SimilarGather;
import io.mmsguard.avro.internal.SimilarHop;
import java.util.List;
import java.util.Optional;

/**
 * The top-level records, each the value of one topic. This is the single place that says which schemas are
 * contracts and which topic carries each: the topology, the gateway, the notifier, the CLI and the benchmarks take
 * their topics from here (through {@link ContractTopics}); the history test, the registry tooling and the CLI
 * iterate {@link #ALL}.
 */
public final class Contracts {

    public static final Contract<MmsEnvelope> INBOUND = new Contract<>(MmsEnvelope.class, Topics.INBOUND);
    public static final Contract<Decision> DECISIONS = new Contract<>(Decision.class, Topics.DECISIONS);
    public static final Contract<MmsProfile> PROFILES = new Contract<>(MmsProfile.class, Topics.PROFILES);
    public static final Contract<EndpointList> ENDPOINT_LISTS =
            new Contract<>(EndpointList.class, Topics.ENDPOINT_LISTS);
    public static final Contract<ArchiveRecord> ARCHIVE = new Contract<>(ArchiveRecord.class, Topics.ARCHIVE);
    public static final Contract<Alert> ALERTS = new Contract<>(Alert.class, Topics.ALERTS);
    public static final Contract<InspectionLog> INSPECTION_LOG =
            new Contract<>(InspectionLog.class, Topics.INSPECTION_LOG);
    public static final Contract<StateReset> STATE_RESETS = new Contract<>(StateReset.class, Topics.STATE_RESETS);
    public static final Contract<ShadowLog> SHADOW_LOG = new Contract<>(ShadowLog.class, Topics.SHADOW_LOG);

    public static final Contract<ConfigAuditRecord> CONFIG_AUDIT =
            new Contract<>(ConfigAuditRecord.class, Topics.CONFIG_AUDIT);

    public static final List<Contract<?>> ALL = List.of(
            INBOUND, DECISIONS, PROFILES, ENDPOINT_LISTS, ARCHIVE, ALERTS, INSPECTION_LOG, CONFIG_AUDIT,
            STATE_RESETS, SHADOW_LOG);

    /**
     * Records of Kafka Streams internal topics. Not in {@link #ALL}: the launcher must not register them per contract
     * topic, since Streams names the topic {@code <application.id>-<name>-repartition}. They are still checked like
     * the contracts, because a repartition topic keeps records written by the previous version across an upgrade.
     */
    public static final String SENDER_STAGE_REPARTITION = "by-checksum-repartition";

    public static final Contract<SenderStageOutcome> SENDER_STAGE =
            new Contract<>(SenderStageOutcome.class, SENDER_STAGE_REPARTITION);

    /** Checksum resets on their way from mms.state-resets to the duplicate stage, keyed by checksum. */
    public static final String STATE_RESETS_REPARTITION = "resets-by-checksum-repartition";

    public static final Contract<StateReset> STATE_RESETS_BY_CHECKSUM =
            new Contract<>(StateReset.class, STATE_RESETS_REPARTITION);

    /**
     * The similar-content threshold's two hops (docs/architecture.md, "Similar content"): by band, then by session.
     * One record type on both topics.
     */
    public static final String SIMILAR_BY_BAND_REPARTITION = "similar-by-band-repartition";
    public static final String SIMILAR_BY_SESSION_REPARTITION = "similar-by-session-repartition";

    public static final Contract<SimilarHop> SIMILAR_HOP = new Contract<>(SimilarHop.class, SIMILAR_BY_BAND_REPARTITION);

    /** The combine step's store: what has arrived of one message, by session id. */
    public static final String SIMILAR_PENDING_CHANGELOG = "similar-pending-changelog";

    public static final Contract<SimilarGather> SIMILAR_GATHER =
            new Contract<>(SimilarGather.class, SIMILAR_PENDING_CHANGELOG);

    public static final List<Contract<?>> INTERNAL =
            List.of(SENDER_STAGE, STATE_RESETS_BY_CHECKSUM, SIMILAR_HOP, SIMILAR_GATHER);

    private Contracts() {
    }

    public static Optional<Contract<?>> forTopic(String defaultTopic) {
        return ALL.stream().filter(c -> c.defaultTopic().equals(defaultTopic)).findFirst();
    }
}
