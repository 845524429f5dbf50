package io.mmsguard.inspection.topology;

import java.util.Objects;

import io.mmsguard.schemas.Topics;

/** The topics the topology reads and writes; defaults are ARCHITECTURE.md's names. */
public record TopicNames(String inbound, String decisions, String profiles, String endpointLists, String archive,
                         String alerts, String inspectionLog, String stateResets, String shadowLog) {

    public TopicNames {
        Objects.requireNonNull(inbound, "inbound");
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(endpointLists, "endpointLists");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(inspectionLog, "inspectionLog");
        Objects.requireNonNull(stateResets, "stateResets");
        Objects.requireNonNull(shadowLog, "shadowLog");
    }

    public static TopicNames defaults() {
        return new TopicNames(Topics.INBOUND, Topics.DECISIONS, Topics.PROFILES, Topics.ENDPOINT_LISTS, Topics.ARCHIVE,
                Topics.ALERTS, Topics.INSPECTION_LOG, Topics.STATE_RESETS, Topics.SHADOW_LOG);
    }
}
