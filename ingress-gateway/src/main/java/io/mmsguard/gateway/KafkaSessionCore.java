package io.mmsguard.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import io.mmsguard.gateway.session.ClockSkew;
import io.mmsguard.gateway.session.DecisionListener;
import io.mmsguard.gateway.session.EnvelopePublisher;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.gateway.session.ProfileView;
import io.mmsguard.gateway.session.SessionCore;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;

/**
 * The gateway's session core on Kafka: the envelope publisher, the decision listener on this instance's reply
 * partitions, the profile view and the pending sessions, started and positioned before any listener takes a client.
 */
public final class KafkaSessionCore implements AutoCloseable {
    private final SessionCore core;
    private final ProfileView profiles;
    private final PendingSessions pending;
    private final ClockSkew clockSkew;
    private final List<AutoCloseable> resources;

    private KafkaSessionCore(SessionCore core, ProfileView profiles, PendingSessions pending, ClockSkew clockSkew,
                             List<AutoCloseable> resources) {
        this.core = core;
        this.profiles = profiles;
        this.pending = pending;
        this.clockSkew = clockSkew;
        this.resources = resources;
    }

    /** Starts the Kafka clients and waits until decisions can be read and the profiles are caught up. */
    public static KafkaSessionCore start(GatewayConfig config, GatewayMetrics metrics, MeterRegistry registry)
            throws InterruptedException {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            return start(config, metrics, registry, resources);
        } catch (InterruptedException | RuntimeException e) {
            GatewayService.closeAll(resources);
            throw e;
        }
    }

    private static KafkaSessionCore start(GatewayConfig config, GatewayMetrics metrics, MeterRegistry registry,
                                          List<AutoCloseable> resources) throws InterruptedException {
        PendingSessions pending = new PendingSessions(config.maxPending());
        metrics.pendingGauge(pending::size);

        ContractTopics contracts = ContractTopics.create(config.serde());
        ProfileView profiles = ProfileView.follow(config.kafka(),
                contracts.topic(Contracts.PROFILES, config.profilesTopic()), listenerProfiles(config), registry);
        resources.add(profiles);
        profiles.start();
        DecisionListener decisions = new DecisionListener(config.kafka(),
                contracts.topic(Contracts.DECISIONS, config.decisionsTopic()), config.replyPartitions(), pending,
                metrics);
        resources.add(decisions);
        decisions.start();
        ClockSkew skew = new ClockSkew(config.maxClockSkew());
        metrics.clockSkewGauge(skew);
        EnvelopePublisher publisher = new EnvelopePublisher(config.kafka(),
                contracts.topic(Contracts.INBOUND, config.inboundTopic()), config.decisionTimeout(), skew);
        resources.add(publisher);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-timer");
            t.setDaemon(true);
            return t;
        });
        resources.add(timer::shutdownNow);
        SessionCore core = new SessionCore(config.gatewayId(), config.replyPartitions(), config.decisionTimeout(),
                publisher, pending, metrics, timer);

        if (!decisions.awaitAssigned(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the decision listener could not position itself on "
                    + config.decisionsTopic() + " " + config.replyPartitions() + " within 60 s");
        }
        profiles.awaitCaughtUp(Duration.ofSeconds(30));
        return new KafkaSessionCore(core, profiles, pending, skew, resources);
    }

    /** The profiles the listeners name on their envelopes: pinned, so that a tombstone cannot change them. */
    private static Set<String> listenerProfiles(GatewayConfig config) {
        Set<String> names = new TreeSet<>();
        config.mm1().ifPresent(l -> names.add(l.proxy().profile()));
        config.mm7().ifPresent(l -> names.add(l.proxy().profile()));
        config.mm3().ifPresent(l -> names.add(l.profile()));
        config.mm4().ifPresent(l -> names.add(l.profile()));
        return names;
    }

    /** Publishes envelopes and completes with their decisions. */
    public SessionCore inspector() {
        return core;
    }

    public ProfileView profiles() {
        return profiles;
    }

    /** The sessions waiting for their decision (back-pressure and readiness follow it). */
    public PendingSessions pending() {
        return pending;
    }

    /** This gateway's clock against the brokers' (readiness follows it). */
    public ClockSkew clockSkew() {
        return clockSkew;
    }

    @Override
    public void close() {
        GatewayService.closeAll(resources);
    }
}
