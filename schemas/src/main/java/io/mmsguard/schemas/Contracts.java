package io.mmsguard.schemas;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.internal.SenderStageOutcome;
import java.util.List;
import java.util.Optional;

/**
 * The top-level records, each the value of one topic. This list is the single place that says which schemas are
 * contracts: the history test, the registry tooling and the CLI all iterate it.
 */
public final class Contracts {

    public static final List<Contract> ALL = List.of(
            new Contract(MmsEnvelope.class, Topics.INBOUND),
            new Contract(Decision.class, Topics.DECISIONS),
            new Contract(MmsProfile.class, Topics.PROFILES),
            new Contract(EndpointList.class, Topics.ENDPOINT_LISTS),
            new Contract(ArchiveRecord.class, Topics.ARCHIVE),
            new Contract(Alert.class, Topics.ALERTS),
            new Contract(InspectionLog.class, Topics.INSPECTION_LOG));

    /**
     * Records of Kafka Streams internal topics. Not in {@link #ALL}: the launcher must not register them per contract
     * topic, since Streams names the topic {@code <application.id>-<name>-repartition}. They are still checked like
     * the contracts, because a repartition topic keeps records written by the previous version across an upgrade.
     */
    public static final String SENDER_STAGE_REPARTITION = "by-checksum-repartition";

    public static final List<Contract> INTERNAL = List.of(
            new Contract(SenderStageOutcome.class, SENDER_STAGE_REPARTITION));

    private Contracts() {
    }

    public static Optional<Contract> forTopic(String defaultTopic) {
        return ALL.stream().filter(c -> c.defaultTopic().equals(defaultTopic)).findFirst();
    }
}
