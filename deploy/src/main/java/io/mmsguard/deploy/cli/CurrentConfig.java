package io.mmsguard.deploy.cli;

import java.util.Map;
import java.util.Optional;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.config.ConfigStatus;
import org.apache.avro.specific.SpecificRecord;

/**
 * The profiles and endpoint lists in force: the compacted topics read to their end, by name. Only committed records
 * count (read_committed): an apply still open or aborted is not in force.
 */
record CurrentConfig(Map<String, MmsProfile> profiles, Map<String, EndpointList> endpointLists) {

    static CurrentConfig read(Connection connection, ConfigSource topics) {
        return read(connection, topics.names());
    }

    static CurrentConfig read(Connection connection, ConfigTopicNames topics) {
        return new CurrentConfig(
                CompactedTopic.read(connection, connection.topic(Contracts.PROFILES, topics.profiles())),
                CompactedTopic.read(connection, connection.topic(Contracts.ENDPOINT_LISTS, topics.endpointLists())));
    }

    /** The record of that kind ({@link ConfigStatus#PROFILE} or {@link ConfigStatus#ENDPOINT_LIST}) and name. */
    Optional<SpecificRecord> find(String kind, String name) {
        return Optional.ofNullable(kind.equals(ConfigStatus.PROFILE) ? profiles.get(name) : endpointLists.get(name));
    }
}
