package io.mmsguard.inspection.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.ShadowLog;

/**
 * What the shadow application counts on the service's registry. The stages' own counters (failures, corrupt state,
 * purges) of the shadow go to a registry of their own and are not exported: under the live names they would
 * mix shadow and live counts.
 */
public final class ShadowMetrics {
    private final MeterRegistry registry;

    public ShadowMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** mmsguard_shadow_decisions_total{interface,verdict,reason}: every ShadowLog record written. */
    void decided(ShadowLog log) {
        Counter.builder("mmsguard.shadow.decisions")
                .description("Would-be decisions of shadow profiles (never enforced), by interface, verdict and reason")
                .tag("interface", log.getMmsInterface().name())
                .tag("verdict", log.getVerdict().name())
                .tag("reason", log.getReason().name())
                .register(registry).increment();
    }

    /** mmsguard_shadow_profile_missing_total{interface}: messages whose live profile names a shadow not in force. */
    void missing(MmsInterface mmsInterface) {
        Counter.builder("mmsguard.shadow.profile.missing")
                .description("Messages not judged by a shadow: the live profile names a shadow profile not in force")
                .tag("interface", mmsInterface.name())
                .register(registry).increment();
    }
}
