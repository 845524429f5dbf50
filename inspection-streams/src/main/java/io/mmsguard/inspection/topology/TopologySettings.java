package io.mmsguard.inspection.topology;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.schemas.archive.ArchiveKeyring;

/**
 * How the topology is built.
 *
 * @param topics            topic names
 * @param sweepInterval     wall-clock period of the idle-key sweep of each threshold store
 * @param sweepMaxVisits    keys a sweep looks at per period and task (bounds the pause it causes)
 * @param archiveKeys       keys that encrypt the content fields of archive records; empty: content in the clear
 */
public record TopologySettings(TopicNames topics, Duration sweepInterval, int sweepMaxVisits,
                               Optional<ArchiveKeyring> archiveKeys) {

    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(archiveKeys, "archiveKeys");
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("sweepInterval must be positive");
        }
        if (sweepMaxVisits < 1) {
            throw new IllegalArgumentException("sweepMaxVisits must be at least 1");
        }
    }

    /** Without archive keys. */
    public TopologySettings(TopicNames topics, Duration sweepInterval, int sweepMaxVisits) {
        this(topics, sweepInterval, sweepMaxVisits, Optional.empty());
    }

    public static TopologySettings defaults() {
        return new TopologySettings(TopicNames.defaults(), Duration.ofMinutes(1), 10_000);
    }
}
