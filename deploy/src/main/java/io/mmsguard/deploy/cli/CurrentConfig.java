package io.mmsguard.deploy.cli;

import java.util.Map;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.Contracts;

/** The profiles and endpoint lists in force: the compacted topics read to their end, by name. */
record CurrentConfig(Map<String, MmsProfile> profiles, Map<String, EndpointList> endpointLists) {

    static CurrentConfig read(Connection connection, ConfigSource topics) {
        return new CurrentConfig(
                CompactedTopic.read(connection, connection.topic(Contracts.PROFILES, topics.profiles)),
                CompactedTopic.read(connection, connection.topic(Contracts.ENDPOINT_LISTS, topics.endpointLists)));
    }
}
