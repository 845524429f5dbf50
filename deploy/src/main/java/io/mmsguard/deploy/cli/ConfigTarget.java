package io.mmsguard.deploy.cli;

import java.util.Optional;

import io.mmsguard.schemas.config.ConfigStatus;
import picocli.CommandLine.Option;

/** {@code --profile NAME} or {@code --endpoint-list NAME}: the one record a history or rollback is about. */
final class ConfigTarget {
    @Option(names = "--profile", paramLabel = "NAME", required = true, description = "A profile.")
    String profile;

    @Option(names = "--endpoint-list", paramLabel = "NAME", required = true, description = "An endpoint list.")
    String endpointList;

    String kind() {
        return profile != null ? ConfigStatus.PROFILE : ConfigStatus.ENDPOINT_LIST;
    }

    String name() {
        return profile != null ? profile : endpointList;
    }

    static Optional<String> kind(ConfigTarget target) {
        return Optional.ofNullable(target).map(t -> t.kind());
    }

    static Optional<String> name(ConfigTarget target) {
        return Optional.ofNullable(target).map(t -> t.name());
    }
}
