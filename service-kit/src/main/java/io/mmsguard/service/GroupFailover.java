package io.mmsguard.service;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The consumer-group settings every service's group members start from. A crashed member's partitions move to the
 * others only when the group coordinator notices it gone, after the consumer session timeout: Kafka's default (45 s)
 * is most of a minute of failed sessions per crash of an inspection instance, and as long a wait for a restarted
 * notifier. 6 s is the broker's default {@code group.min.session.timeout.ms}, the shortest it accepts. Heartbeats
 * run on the consumer's background thread, so processing time does not count against it ({@code
 * max.poll.interval.ms} does). Callers put these first, so that an operator's {@code kafka.*} setting replaces them.
 * Measured in docs/reliability.md.
 */
public final class GroupFailover {
    public static final Map<String, Object> DEFAULTS = Map.of(
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2000);

    private GroupFailover() {
    }
}
