package io.mmsguard.deploy.cli;

import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.config.ConfigStatus;

/** The topics of the configuration: the two compacted topics in force, the audit and the inspection's status. */
public record ConfigTopicNames(String profiles, String endpointLists, String audit, String status) {

    public static ConfigTopicNames defaults() {
        return new ConfigTopicNames(Topics.PROFILES, Topics.ENDPOINT_LISTS, Topics.CONFIG_AUDIT, Topics.CONFIG_STATUS);
    }

    /** The compacted topic of {@link ConfigStatus#PROFILE} or {@link ConfigStatus#ENDPOINT_LIST} records. */
    String of(String kind) {
        return kind.equals(ConfigStatus.PROFILE) ? profiles : endpointLists;
    }
}
