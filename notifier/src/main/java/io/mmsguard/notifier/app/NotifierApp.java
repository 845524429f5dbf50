package io.mmsguard.notifier.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.notifier.delivery.DeliveryWorker;
import io.mmsguard.notifier.delivery.CredentialStore;
import io.mmsguard.notifier.delivery.MailSender;
import io.mmsguard.smtp.SmtpClientSecurity;
import io.mmsguard.notifier.delivery.Mm1Sender;
import io.mmsguard.notifier.delivery.Mm7Sender;
import io.mmsguard.notifier.delivery.Retrier;
import io.mmsguard.notifier.stream.NoticeTopics;
import io.mmsguard.notifier.stream.NotifierService;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.service.AdminServer;
import io.mmsguard.service.log.LogFormat;
import io.mmsguard.service.log.MsisdnLog;
import io.mmsguard.service.GroupFailover;
import io.mmsguard.service.KafkaReachability;
import io.mmsguard.service.Readiness;
import io.mmsguard.service.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One notifier instance: the aggregation stage ({@link NotifierService}, Kafka Streams exactly-once v2) and the
 * delivery stage ({@link DeliveryWorker} on its own thread, with the MM1 and MM7 senders and the {@link MailSender}
 * for MM3 and MM4 on its own small SMTP pool), plus the admin HTTP
 * server: {@code /metrics} (Prometheus: JVM, Kafka Streams and the delivery counters), {@code /health/live} and
 * {@code /health/ready}: 200 while Kafka answers ({@code kafka}), the aggregation is RUNNING ({@code aggregation})
 * and the delivery thread runs ({@code delivery}; a delivery stage that died on an unexpected error, e.g. the
 * dead-letter topic unwritable, makes the instance unready so that the orchestrator restarts it).
 */
public final class NotifierApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierApp.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final NotifierService aggregation;
    private final DeliveryWorker delivery;
    private final Thread deliveryThread;
    private final ScheduledExecutorService retryTimer;
    private final ExecutorService smtpPool;
    private final AdminServer admin;
    private final KafkaReachability kafka;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NotifierApp(NotifierService aggregation, DeliveryWorker delivery, Thread deliveryThread,
                        ScheduledExecutorService retryTimer, ExecutorService smtpPool, AdminServer admin,
                        KafkaReachability kafka) {
        this.aggregation = aggregation;
        this.delivery = delivery;
        this.deliveryThread = deliveryThread;
        this.retryTimer = retryTimer;
        this.smtpPool = smtpPool;
        this.admin = admin;
        this.kafka = kafka;
    }

    /** Loads the configuration from the optional YAML file {@code args[0]} and the environment, and runs. */
    public static void main(String[] args) throws IOException {
        Settings settings = Settings.load(Optional.ofNullable(args.length > 0 ? Path.of(args[0]) : null),
                System.getenv(), NotifierConfig.KEYS);
        NotifierApp app = start(NotifierConfig.from(settings), Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "notifier-shutdown"));
    }

    public static NotifierApp start(NotifierConfig config, Clock clock) throws IOException {
        LogFormat.use(config.logFormat(), "notifier");
        MsisdnLog.use(config.msisdnLog());
        PrometheusMeterRegistry registry = AdminServer.newRegistry();
        NotifierService[] holder = new NotifierService[1];
        Thread[] deliveryHolder = new Thread[1];
        KafkaReachability kafka = KafkaReachability.start(config.kafka(), config.applicationId() + "-readiness");
        AdminServer admin;
        try {
            admin = AdminServer.start(new InetSocketAddress(config.httpHost(), config.httpPort()),
                    config.adminAuth(), registry,
                    Readiness.of(kafka.condition(), new Readiness.Condition("aggregation", () -> {
                        KafkaStreams.State state = holder[0] == null ? null : holder[0].streams().state();
                        return state == KafkaStreams.State.RUNNING ? Optional.empty()
                                : Optional.of("Kafka Streams is " + (state == null ? "not created" : state));
                    }), Readiness.Condition.of("delivery", () -> deliveryHolder[0] != null
                            && deliveryHolder[0].isAlive(), "the delivery thread is not running")));
        } catch (IOException | RuntimeException e) {
            kafka.close();
            throw e;
        }
        NotifierService aggregation = null;
        ScheduledExecutorService timer = null;
        ExecutorService smtp = null;
        try {
            Map<String, Object> serde = Map.copyOf(config.serde());
            aggregation = NotifierService.start(new NotifierService.Config(aggregationProperties(config), serde,
                    config.stateDir(), config.stream(), registry), clock);
            holder[0] = aggregation;

            NotifierConfig.Delivery d = config.delivery();
            Map<String, Object> consumer = deliveryProperties(config);
            ContractTopics contracts = ContractTopics.create(serde);
            timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("notifier-retry-"));
            smtp = Executors.newFixedThreadPool(d.smtp().threads(), daemonThreads("notifier-smtp-"));
            CredentialStore secrets = new CredentialStore(d.secretsDir(), System.getenv());
            MailSender mail = mailSender(d.smtp(), smtp);
            DeliveryWorker worker = new DeliveryWorker(
                    new DeliveryWorker.Config(consumer, NoticeTopics.NOTICES.named(config.stream().noticesTopic()),
                            NoticeTopics.NOTICES_DEAD.named(d.deadTopic()),
                            contracts.topic(Contracts.PROFILES, config.stream().profilesTopic()), d.pollTimeout()),
                    Map.of(MmsInterface.MM1, Mm1Sender.create(d.requestTimeout(), secrets),
                            MmsInterface.MM7, Mm7Sender.create(d.requestTimeout(), secrets),
                            MmsInterface.MM3, mail, MmsInterface.MM4, mail),
                    new Retrier(Retrier.Scheduler.of(timer), d.retryInitial(), d.retryFactor(), d.maxAttempts()),
                    clock, registry);
            Thread thread = new Thread(worker, "notifier-delivery");
            thread.setUncaughtExceptionHandler((t, e) -> LOG.error("delivery stage stopped", e));
            thread.start();
            deliveryHolder[0] = thread;
            LOG.info("notifier {} started; admin HTTP on port {}", config.applicationId(), admin.port());
            return new NotifierApp(aggregation, worker, thread, timer, smtp, admin, kafka);
        } catch (RuntimeException e) {
            if (timer != null) {
                timer.shutdownNow();
            }
            if (smtp != null) {
                smtp.shutdownNow();
            }
            if (aggregation != null) {
                aggregation.close();
            }
            admin.close();
            kafka.close();
            throw e;
        }
    }

    /** The aggregation's Streams settings: the group failover defaults, under the operator's kafka.* settings. */
    static Map<String, Object> aggregationProperties(NotifierConfig config) {
        Map<String, Object> streams = new HashMap<>(GroupFailover.DEFAULTS);
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        streams.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        streams.putAll(config.kafka());
        return streams;
    }

    /** The delivery consumer's settings, built the same way. */
    static Map<String, Object> deliveryProperties(NotifierConfig config) {
        Map<String, Object> consumer = new HashMap<>(GroupFailover.DEFAULTS);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, config.deliveryGroupId());
        consumer.putAll(config.kafka());
        return consumer;
    }

    /** Daemon threads: a retry timer or an SMTP dialogue still running must not keep the JVM up after close(). */
    /** The MM3/MM4 sender as configured: TLS and AUTH towards the MMSC, the stores read once, here. */
    static MailSender mailSender(NotifierConfig.Smtp smtp, Executor executor) {
        SmtpClientSecurity.Policy security = smtp.security();
        return new MailSender(smtp.hostname(), smtp.connectTimeout(), smtp.commandTimeout(), executor,
                security.with(security.usesTls() ? smtp.stores().sslContext() : null));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public NotifierService aggregation() {
        return aggregation;
    }

    public int httpPort() {
        return admin.port();
    }

    /**
     * Idempotent. Stops delivery first (the notice in hand is finished and committed, or delivered again by the
     * next instance), then the aggregation (which commits its transaction and leaves the group), then the admin
     * server.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        delivery.close();
        try {
            deliveryThread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (deliveryThread.isAlive()) {
            LOG.warn("delivery stage did not stop within {}", JOIN_TIMEOUT);
        }
        retryTimer.shutdownNow();
        smtpPool.shutdownNow();
        aggregation.close();
        admin.close();
        kafka.close();
    }
}
