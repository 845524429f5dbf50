package io.mmsguard.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import io.mmsguard.gateway.session.RoundTrips;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.service.KafkaReachability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's session core on Kafka: the envelope publisher, the decision listener on this instance's reply
 * partitions, the profile view and the pending sessions, started, positioned and warmed up before any listener takes
 * a client; and what the gateway's readiness needs of Kafka (reachability, decision round trips).
 */
public final class KafkaSessionCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSessionCore.class);
    /** Sessions in a row without a decision that make the gateway not ready (see {@link RoundTrips}). */
    static final int FAILURES_TO_TRIP = 5;

    private final SessionCore core;
    private final ProfileView profiles;
    private final PendingSessions pending;
    private final RoundTrips roundTrips;
    private final KafkaReachability kafka;
    private final ClockSkew clockSkew;
    private final InboundTimestampCheck inboundTimestamps;
    private final List<AutoCloseable> resources;

    private KafkaSessionCore(SessionCore core, ProfileView profiles, PendingSessions pending, RoundTrips roundTrips,
                             KafkaReachability kafka, ClockSkew clockSkew, InboundTimestampCheck inboundTimestamps,
                             List<AutoCloseable> resources) {
        this.core = core;
        this.profiles = profiles;
        this.pending = pending;
        this.roundTrips = roundTrips;
        this.kafka = kafka;
        this.clockSkew = clockSkew;
        this.inboundTimestamps = inboundTimestamps;
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
        RoundTrips roundTrips = new RoundTrips(FAILURES_TO_TRIP, config.decisionTimeout().multipliedBy(2),
                System::nanoTime);
        KafkaReachability kafka = KafkaReachability.start(config.kafka(), config.gatewayId() + "-readiness");
        resources.add(kafka);
        kafka.onRegained(roundTrips::rearm);

        ContractTopics contracts = ContractTopics.create(config.serde());
        ProfileView profiles = ProfileView.follow(config.kafka(),
                contracts.topic(Contracts.PROFILES, config.profilesTopic()), listenerProfiles(config), registry);
        resources.add(profiles);
        profiles.start();
        DecisionListener decisions = new DecisionListener(config.kafka(),
                contracts.topic(Contracts.DECISIONS, config.decisionsTopic()), config.replyPartitions(), pending,
                metrics, roundTrips);
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
                publisher, pending, metrics, timer, roundTrips);

        if (!decisions.awaitAssigned(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the decision listener could not position itself on "
                    + config.decisionsTopic() + " " + config.replyPartitions() + " within 60 s");
        }
        profiles.awaitCaughtUp(Duration.ofSeconds(30));
        warmUp(config, contracts, publisher);
        InboundTimestampCheck inboundTimestamps = InboundTimestampCheck.start(config.kafka(),
                config.gatewayId() + "-topic-check", config.inboundTopic());
        resources.add(inboundTimestamps);
        return new KafkaSessionCore(core, profiles, pending, roundTrips, kafka, skew, inboundTimestamps, resources);
    }

    /**
     * What the first session would otherwise wait for (issue 16's cold start): the envelopes' schema id from the
     * registry, and mms.inbound's partition leaders. (Decisions are only read: their schema comes by id with the
     * first one, in one short GET; looking it up here would register the reader's schema.) A failure is logged, not fatal: Kafka or the
     * registry may be back by the first session, and readiness tells meanwhile.
     */
    private static void warmUp(GatewayConfig config, ContractTopics contracts, EnvelopePublisher publisher) {
        long t0 = System.nanoTime();
        try {
            contracts.prepare(Contracts.INBOUND, config.inboundTopic());
            int partitions = publisher.warmUp();
            LOG.info("warmed up in {} ms: the envelopes' schema id, {} partitions of {}",
                    (System.nanoTime() - t0) / 1_000_000, partitions, config.inboundTopic());
        } catch (RuntimeException e) {
            LOG.warn("warm-up incomplete, the first sessions may be slow: {}", e.toString());
        }
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

    /** Whether decisions come back (readiness). */
    public RoundTrips roundTrips() {
        return roundTrips;
    }

    /** Whether the brokers answer (readiness). */
    public KafkaReachability kafka() {
        return kafka;
    }

    /** This gateway's clock against the brokers' (readiness follows it). */
    public ClockSkew clockSkew() {
        return clockSkew;
    }

    /** Why mms.inbound's timestamps are not the brokers' append time, while they are not. */
    Optional<String> inboundTimestampProblem() {
        return inboundTimestamps.problem();
    }

    @Override
    public void close() {
        GatewayService.closeAll(resources);
    }
}
