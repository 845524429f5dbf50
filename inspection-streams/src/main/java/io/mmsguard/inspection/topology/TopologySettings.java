package io.mmsguard.inspection.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * How the topology is built.
 *
 * @param topics            topic names
 * @param sweepInterval     wall-clock period of the idle-key sweep of each threshold store
 * @param sweepMaxVisits    keys a sweep looks at per period and task (bounds the pause it causes)
 */
public record TopologySettings(TopicNames topics, Duration sweepInterval, int sweepMaxVisits) {

    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("sweepInterval must be positive");
        }
        if (sweepMaxVisits < 1) {
            throw new IllegalArgumentException("sweepMaxVisits must be at least 1");
        }
    }

    public static TopologySettings defaults() {
        return new TopologySettings(TopicNames.defaults(), Duration.ofMinutes(1), 10_000);
    }
}
