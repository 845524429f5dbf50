package io.mmsguard.deploy.cli;

import io.mmsguard.schemas.Topics;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code mmsguard config} finds the configuration: the connection, the two compacted topics, the audit and
 * the status topic (other names for a second pipeline or a test).
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

    @Option(names = "--audit-topic", paramLabel = "TOPIC", defaultValue = Topics.CONFIG_AUDIT,
            description = "Every applied version (append-only). Default: ${DEFAULT-VALUE}.")
    String audit;

    @Option(names = "--status-topic", paramLabel = "TOPIC", defaultValue = Topics.CONFIG_STATUS,
            description = "Where the inspection service reports the versions in force. Default: ${DEFAULT-VALUE}.")
    String status;

    ConfigTopicNames names() {
        return new ConfigTopicNames(profiles, endpointLists, audit, status);
    }

    /** See {@link ConnectionOptions#connect()}. */
    Connection connect() {
        return connection.connect();
    }
}
