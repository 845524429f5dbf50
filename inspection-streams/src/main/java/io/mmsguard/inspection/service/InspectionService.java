package io.mmsguard.inspection.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.inspection.scan.VirusScanner;
import io.mmsguard.inspection.topology.InspectionMetrics;
import io.mmsguard.inspection.topology.InspectionTopology;
import io.mmsguard.inspection.topology.RuleBook;
import io.mmsguard.inspection.topology.ShadowHook;
import io.mmsguard.inspection.topology.ShadowMetrics;
import io.mmsguard.inspection.topology.TopicNames;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.service.AdminServer;
import io.mmsguard.service.log.LogFormat;
import io.mmsguard.service.log.MsisdnLog;
import io.mmsguard.service.GroupFailover;
import io.mmsguard.service.KafkaReachability;
import io.mmsguard.service.Readiness;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inspection instance: the topology on Kafka Streams (exactly-once v2), plus the admin HTTP server with
 * Prometheus metrics, health, and the threshold-state queries that any instance answers for any key. Ready when
 * Kafka answers ({@code kafka}), Kafka Streams is RUNNING ({@code streams}) and no stream thread with active tasks
 * stands still ({@code stream-threads}, sampled every second); see docs/architecture.md, "Readiness".
 */
public final class InspectionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InspectionService.class);
    /** Far above one record's work (a session is answered within seconds) and below max.poll.interval.ms. */
    static final Duration STALL_AFTER = Duration.ofSeconds(30);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);
    private static final List<String> PROGRESS_METRICS = List.of("poll-total", "process-total", "commit-total");

    private final KafkaStreams streams;
    private final Optional<KafkaStreams> shadow;
    private final AdminServer admin;
    private final VirusScanners scanners;
    private final KafkaStreamsMetrics streamsMetrics;
    private final boolean staticMembership;
    private final List<AutoCloseable> watches;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InspectionService(KafkaStreams streams, Optional<KafkaStreams> shadow, AdminServer admin,
                              VirusScanners scanners, KafkaStreamsMetrics streamsMetrics, boolean staticMembership,
                              List<AutoCloseable> watches) {
        this.streams = streams;
        this.shadow = shadow;
        this.staticMembership = staticMembership;
        this.admin = admin;
        this.scanners = scanners;
        this.streamsMetrics = streamsMetrics;
        this.watches = watches;
    }

    public static InspectionService start(InspectionConfig config) throws IOException {
        return start(config, ProfileValidator.standard());
    }

    /**
     * @param validator the rules every profile record must pass; {@link ProfileValidator#standard()} in the service,
     *                  a stricter one where a test needs the service to reject what {@code config apply} accepts
     */
    public static InspectionService start(InspectionConfig config, ProfileValidator validator) throws IOException {
        return start(config, validator, ShadowHook.NONE);
    }

    /** @param shadowHook {@link ShadowHook#NONE}; a test's hook stalls or fails the shadow application */
    static InspectionService start(InspectionConfig config, ProfileValidator validator, ShadowHook shadowHook)
            throws IOException {
        VirusScanners scanners = VirusScanners.create(config.antivirus());
        try {
            return start(config, validator, scanners, shadowHook);
        } catch (IOException | RuntimeException e) {
            scanners.close();
            throw e;
        }
    }

    private static InspectionService start(InspectionConfig config, ProfileValidator validator,
                                           VirusScanners scanners, ShadowHook shadowHook) throws IOException {
        LogFormat.use(config.logFormat(), "inspection");
        MsisdnLog.use(config.msisdnLog());
        PrometheusMeterRegistry registry = AdminServer.newRegistry();
        scanners.bindTo(registry);
        ProfileCatalog catalog = ProfileCatalog.pinningEveryName(validator).bindTo(registry);
        InspectionMetrics metrics = new InspectionMetrics(registry);
        ContractTopics contracts = ContractTopics.create(config.serde());
        warmUp(config, contracts);

        KafkaStreams[] holder = new KafkaStreams[1];
        KafkaReachability kafka = KafkaReachability.start(config.kafka(), config.applicationId() + "-readiness");
        StreamThreadProgress progress = new StreamThreadProgress(STALL_AFTER, System::nanoTime);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stream-thread-watch");
            t.setDaemon(true);
            return t;
        });
        List<AutoCloseable> watches = List.of(sampler::shutdownNow, kafka);
        AdminServer admin;
        try {
            admin = AdminServer.start(new InetSocketAddress(config.httpHost(), config.httpPort()),
                    config.adminAuth(), registry,
                    Readiness.of(kafka.condition(), new Readiness.Condition("streams", () -> {
                        KafkaStreams.State state = holder[0] == null ? null : holder[0].state();
                        return state == KafkaStreams.State.RUNNING ? Optional.empty()
                                : Optional.of("Kafka Streams is " + (state == null ? "not created" : state));
                    }), new Readiness.Condition("stream-threads", progress::problem)));
        } catch (IOException | RuntimeException e) {
            closeAll(watches);
            throw e;
        }
        ConfigStatusPublisher status = null;
        try {
            HostInfo self = new HostInfo(config.advertisedHost(), admin.port());
            // The instance name is the one state queries are forwarded to: unique among the running instances.
            status = new ConfigStatusPublisher(config.kafka(), config.configStatusTopic(),
                    self.host() + ":" + self.port(), Clock.systemUTC());
            RuleBook rules = new RuleBook(catalog, scanners.scanner(), status);
            Topology topology = InspectionTopology.build(rules, contracts, config.topology(), metrics);
            KafkaStreams streams = new KafkaStreams(topology, streamsProperties(config, self));
            holder[0] = streams;
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("stream thread died; replacing it", e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            StateQueries queries = new StateQueries(streams, rules, self, config.adminAuth());
            admin.route("/state/", new StateQueryHandler(queries,
                    new StateTop(streams, rules, self, config.adminAuth())));
            admin.route("/status/", new RulesStatusHandler(streams));
            streams.start();
            // After start(): the global thread has restored the RuleBook the shadow shares.
            Optional<KafkaStreams> shadow = config.shadowEnabled()
                    ? startShadow(config, self, rules, contracts, registry, shadowHook) : Optional.empty();
            sampler.scheduleWithFixedDelay(() -> sample(streams, progress), 0, SAMPLE_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            LOG.info("inspection {} started; admin HTTP on port {}", config.applicationId(), admin.port());
            config.topology().archiveKeys().ifPresentOrElse(
                    keys -> LOG.info("archive content encrypted with archive key {}", keys.currentId().orElseThrow()),
                    () -> LOG.warn("archive content is written in the clear: no archive.key-id"
                            + " (docs/security.md, \"The archive\")"));
            LOG.debug("topology: {}", topology.describe());
            boolean staticMembership = config.kafka().keySet().stream()
                    .anyMatch(k -> k.endsWith(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
            List<AutoCloseable> owned = new ArrayList<>(watches);
            owned.add(status);
            return new InspectionService(streams, shadow, admin, scanners, streamsMetrics, staticMembership, owned);
        } catch (RuntimeException e) {
            admin.close();
            closeAll(watches);
            if (status != null) {
                status.close();
            }
            throw e;
        }
    }

    /**
     * The shadow application (docs/architecture.md, "Shadow application"): a second KafkaStreams instance with its
     * own application id, group, transactions, stores and threads, sharing the live instance's RuleBook. Nothing it
     * does reaches the live instance: a failure to start it, a dead or stalled shadow thread is logged and leaves
     * the live decisions as they are; it is not a readiness condition.
     */
    private static Optional<KafkaStreams> startShadow(InspectionConfig config, HostInfo self, RuleBook rules,
                                                      ContractTopics contracts, PrometheusMeterRegistry registry,
                                                      ShadowHook hook) {
        KafkaStreams shadow = null;
        try {
            Topology topology = InspectionTopology.buildShadow(rules, contracts, config.topology(),
                    // No backend: the shadow's stage counters would mix with the live ones, and a registry that
                    // is not exported would still record a latency histogram per message.
                    new InspectionMetrics(new CompositeMeterRegistry()), new ShadowMetrics(registry), hook);
            ShadowStartingPoint.pinAtEnd(config.kafka(), shadowApplicationId(config),
                    config.topology().topics().inbound());
            shadow = new KafkaStreams(topology, shadowProperties(config, self));
            shadow.setUncaughtExceptionHandler(e -> {
                LOG.error("shadow stream thread died; replacing it", e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            shadow.start();
            LOG.info("shadow application {} started with {} thread(s)", shadowApplicationId(config),
                    config.shadowThreads());
            return Optional.of(shadow);
        } catch (RuntimeException e) {
            LOG.error("the shadow application did not start; live inspection goes on without it", e);
            if (shadow != null) {
                shadow.close(Duration.ZERO);
            }
            return Optional.empty();
        }
    }

    /** {@code <application id>-shadow}: its group, transactional ids, changelog and repartition topics. */
    static String shadowApplicationId(InspectionConfig config) {
        return config.applicationId() + "-shadow";
    }

    /**
     * The live instance's settings under the shadow's application id and thread count, without
     * {@code application.server} (nobody queries the shadow's stores) and without standbys (a failover delays
     * only the shadow).
     */
    static Properties shadowProperties(InspectionConfig config, HostInfo self) {
        Properties p = streamsProperties(config, self);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, shadowApplicationId(config));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.shadowThreads());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
        p.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return p;
    }

    /**
     * Fetches the schema ids of every record the topology writes before the first envelope comes: a fresh instance
     * otherwise spends its first session's time on registry round trips (issue 16's cold start). Envelopes are only
     * read here (their writer registers them), so their schema comes by id with the first one, in one short GET. A
     * failure is logged, not fatal: the registry may answer by the first record.
     */
    /** Kafka Streams names an internal topic {@code <application.id>-<name>}. */
    private static void prepareInternal(ContractTopics contracts, String applicationId) {
        contracts.prepare(Contracts.SENDER_STAGE, applicationId + "-" + Contracts.SENDER_STAGE_REPARTITION);
        contracts.prepare(Contracts.SIMILAR_HOP, applicationId + "-" + Contracts.SIMILAR_BY_BAND_REPARTITION);
        contracts.prepare(Contracts.SIMILAR_HOP, applicationId + "-" + Contracts.SIMILAR_BY_SESSION_REPARTITION);
        contracts.prepare(Contracts.SIMILAR_GATHER, applicationId + "-" + Contracts.SIMILAR_PENDING_CHANGELOG);
    }

    private static void warmUp(InspectionConfig config, ContractTopics contracts) {
        long t0 = System.nanoTime();
        TopicNames names = config.topology().topics();
        try {
            contracts.prepare(Contracts.DECISIONS, names.decisions());
            contracts.prepare(Contracts.INSPECTION_LOG, names.inspectionLog());
            contracts.prepare(Contracts.ALERTS, names.alerts());
            contracts.prepare(Contracts.ARCHIVE, names.archive());
            // Kafka Streams names the repartition topic <application.id>-<name>-repartition.
            prepareInternal(contracts, config.applicationId());
            if (config.shadowEnabled()) {
                contracts.prepare(Contracts.SHADOW_LOG, names.shadowLog());
                prepareInternal(contracts, shadowApplicationId(config));
            }
            LOG.info("schema ids fetched in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("warm-up incomplete, the first envelopes may be slow: {}", e.toString());
        }
    }

    /** The live stream threads, their active tasks and how far their poll, process and commit counts got. */
    private static void sample(KafkaStreams streams, StreamThreadProgress progress) {
        try {
            Map<String, Double> counts = new HashMap<>();
            streams.metrics().forEach((name, metric) -> {
                if ("stream-thread-metrics".equals(name.group()) && PROGRESS_METRICS.contains(name.name())
                        && metric.metricValue() instanceof Number n) {
                    counts.merge(name.tags().get("thread-id"), n.doubleValue(), Double::sum);
                }
            });
            List<StreamThreadProgress.Sample> samples = new ArrayList<>();
            for (ThreadMetadata t : streams.metadataForLocalThreads()) {
                if (!"DEAD".equals(t.threadState()) && !"PENDING_SHUTDOWN".equals(t.threadState())) {
                    samples.add(new StreamThreadProgress.Sample(t.threadName(), t.activeTasks().size(),
                            counts.getOrDefault(t.threadName(), 0.0)));
                }
            }
            progress.observe(samples);
        } catch (RuntimeException e) {
            // The schedule ends on an exception; a sample missed now is taken again in a second.
            LOG.debug("sampling the stream threads: {}", e.toString());
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", r, e.toString());
            }
        }
    }

    static Properties streamsProperties(InspectionConfig config, HostInfo self) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        // A record that cannot be read or processed is logged and skipped, never a stopped partition; the gateway
        // answers that one session with a temporary failure when its decision does not come.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        // The same for the global thread that reads profiles and endpoint lists: one unreadable record there must
        // not stop every instance from applying the next good one.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Archive records and the by-checksum repartition records carry a message's content (up to
        // MessageSize.MAX_CONTENT_BYTES): the producer and the repartition topic Streams creates must take them.
        p.putAll(MessageSize.producerConfigs());
        p.put(StreamsConfig.topicPrefix(MessageSize.TOPIC_MAX_MESSAGE_BYTES), MessageSize.MAX_RECORD_BYTES);
        // Unprefixed, so that a main.consumer. key of the operator's also wins.
        p.putAll(GroupFailover.DEFAULTS);
        p.putAll(config.kafka());
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The shadow application, when it runs. */
    public Optional<KafkaStreams> shadowStreams() {
        return shadow;
    }

    public int httpPort() {
        return admin.port();
    }

    /** Waits until the instance has joined the group and restored its stores. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Idempotent: the embedded mode's shutdown hook and its normal exit may both call it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Leave the group (unless a static member, which expects to come back under its instance id): Kafka Streams
        // otherwise stays a member after close, so its tasks move to the other instances (standbys included) only
        // after session.timeout.ms, and every gateway session on those partitions times out meanwhile.
        streams.close(closeOptions());
        // After the live application: a stalled shadow must not spend the shutdown grace before live has left.
        shadow.ifPresent(s -> s.close(closeOptions()));
        closeAll(watches);
        streamsMetrics.close();
        admin.close();
        scanners.close();
    }

    private CloseOptions closeOptions() {
        return CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(staticMembership
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                : CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }
}
