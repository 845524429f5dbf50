package io.mmsguard.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Kafka cluster answers, as a readiness condition: a {@code describeCluster} every {@link #INTERVAL} on a
 * thread of its own (never in the HTTP handler: the admin server has two threads), and the condition fails when none
 * succeeded within {@link #STALE_AFTER}. The admin client uses the service's own {@code kafka.*} settings (security
 * included), so it reaches the brokers the way the service's clients do. A full outage is seen within about
 * STALE_AFTER, and the return of a broker within about INTERVAL plus the client's reconnect back-off (1 s).
 */
public final class KafkaReachability implements AutoCloseable {
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    public static final Duration TIMEOUT = Duration.ofSeconds(2);
    public static final Duration STALE_AFTER = Duration.ofSeconds(4);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReachability.class);

    private final Admin admin;
    private final String bootstrap;
    private final ScheduledExecutorService timer;
    private final Contact contact;
    private volatile Runnable onRegained = () -> { };

    private KafkaReachability(Admin admin, String bootstrap, ScheduledExecutorService timer, Contact contact) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.timer = timer;
        this.contact = contact;
    }

    /**
     * Starts checking at once.
     *
     * @param kafka    the service's {@code kafka.*} settings without the prefix; only admin client keys are used
     * @param clientId names the admin client in broker logs and metrics
     */
    public static KafkaReachability start(Map<String, ?> kafka, String clientId) {
        Admin admin = Admin.create(adminProperties(kafka, clientId));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-reachability");
            t.setDaemon(true);
            return t;
        });
        KafkaReachability reachability = new KafkaReachability(admin,
                String.valueOf(kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)), timer,
                new Contact(STALE_AFTER, System::nanoTime));
        timer.scheduleWithFixedDelay(reachability::check, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return reachability;
    }

    /** Only admin client settings: the others (Kafka Streams', producer's) would each be logged as unknown. */
    public static Map<String, Object> adminProperties(Map<String, ?> kafka, String clientId) {
        Map<String, Object> props = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /** Run (on the check thread) each time Kafka answers again after the condition had failed. */
    public void onRegained(Runnable action) {
        this.onRegained = action;
    }

    private void check() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis())).nodes()
                    .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            if (contact.answered()) {
                LOG.info("Kafka at {} answers", bootstrap); // first contact, or after a time without
                onRegained.run();
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (contact.failed(cause.getClass().getSimpleName() + ": " + cause.getMessage())) {
                LOG.warn("Kafka at {} does not answer: {}", bootstrap, cause.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The schedule stops for good on an exception: log it and keep checking.
            contact.failed(e.toString());
            LOG.warn("checking Kafka at {}: {}", bootstrap, e.toString());
        }
    }

    /** Empty while Kafka answered within {@link #STALE_AFTER}; otherwise since when it does not, and the last error. */
    public Optional<String> problem() {
        return contact.problem().map(why -> "Kafka at " + bootstrap + " " + why);
    }

    public Readiness.Condition condition() {
        return new Readiness.Condition("kafka", this::problem);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ZERO);
    }

    /** The clock-based judgement, apart from the client so that it can be tested without a broker. */
    static final class Contact {
        private final Duration staleAfter;
        private final LongSupplier nanos;
        private final long started;
        private volatile long lastAnswer = Long.MIN_VALUE;
        private volatile String lastError = "not asked yet";
        private boolean failing;

        Contact(Duration staleAfter, LongSupplier nanos) {
            this.staleAfter = staleAfter;
            this.nanos = nanos;
            this.started = nanos.getAsLong();
        }

        /** @return true when this answer ends a time in which the condition failed (or is the first one) */
        synchronized boolean answered() {
            long now = nanos.getAsLong();
            boolean regained = lastAnswer == Long.MIN_VALUE || now - lastAnswer > staleAfter.toNanos();
            lastAnswer = now;
            failing = false;
            return regained;
        }

        /** @return true when this failure is the first since the last answer */
        synchronized boolean failed(String error) {
            lastError = error;
            boolean first = !failing;
            failing = true;
            return first;
        }

        Optional<String> problem() {
            long last = lastAnswer;
            long now = nanos.getAsLong();
            if (last == Long.MIN_VALUE) {
                return Optional.of("has not answered since start (" + Duration.ofNanos(now - started).toSeconds()
                        + " s): " + lastError);
            }
            Duration silent = Duration.ofNanos(now - last);
            if (silent.compareTo(staleAfter) <= 0) {
                return Optional.empty();
            }
            return Optional.of("has not answered for " + silent.toSeconds() + " s: " + lastError);
        }
    }
}
