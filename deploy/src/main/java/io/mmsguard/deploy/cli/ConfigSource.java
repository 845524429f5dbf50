package io.mmsguard.deploy.cli;

import io.mmsguard.schemas.Topics;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code mmsguard config} finds the configuration in force: the connection and the two compacted topics
 * (other names for a second pipeline or a test).
 */
public final class ConfigSource {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--profiles-topic", paramLabel = "TOPIC", defaultValue = Topics.PROFILES,
            description = "Default: ${DEFAULT-VALUE}.")
    String profiles;

    @Option(names = "--endpoint-lists-topic", paramLabel = "TOPIC", defaultValue = Topics.ENDPOINT_LISTS,
            description = "Default: ${DEFAULT-VALUE}.")
    String endpointLists;

    /** See {@link ConnectionOptions#connect()}. */
    Connection connect() {
        return connection.connect();
    }
}
