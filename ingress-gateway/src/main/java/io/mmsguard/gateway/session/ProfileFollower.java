package io.mmsguard.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.profile.ProfileCatalog;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted profiles topic from its beginning into a {@link ProfileCatalog} and follows it, on a thread of
 * its own. It never stops silently: a RuntimeException (broker, registry, consumer) is logged and counted
 * ({@code mmsguard.gateway.profiles.follow.failures}), the consumer is replaced after a back-off (doubling up to
 * {@link #MAX_BACKOFF}) and reading resumes at the offset after the last record applied. {@link #following()} is
 * false when the thread is dead or when nothing confirmed contact with the topic for {@code staleAfter}: every third
 * of it the end offsets are asked for, since a poll against a lost broker returns quietly empty.
 */
final class ProfileFollower implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ProfileFollower.class);

    private final Supplier<Consumer<String, MmsProfile>> consumers;
    private final String topic;
    private final ProfileCatalog catalog;
    private final Clock clock;
    private final Duration staleAfter;
    private final Duration contactCheck;
    private final Counter failures;
    private final Counter unreadable;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** Per partition, the offset after the last record applied: where a replaced consumer resumes. */
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private volatile boolean running = true;
    private volatile Instant lastContact;
    private volatile Consumer<String, MmsProfile> consumer;
    private Map<TopicPartition, Long> startEnd;

    ProfileFollower(Supplier<Consumer<String, MmsProfile>> consumers, String topic, ProfileCatalog catalog,
                    Clock clock, Duration staleAfter, MeterRegistry registry) {
        this.consumers = Objects.requireNonNull(consumers, "consumers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.contactCheck = staleAfter.dividedBy(3);
        this.failures = Counter.builder("mmsguard.gateway.profiles.follow.failures")
                .description("errors while following the profiles topic; the reader resumed after a back-off")
                .register(registry);
        this.unreadable = Counter.builder("mmsguard.gateway.profiles.unreadable")
                .description("profile records that could not be deserialized, skipped").register(registry);
        this.lastContact = clock.instant();
        this.thread = new Thread(this::run, "profile-follower");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the thread runs and the topic answered within {@code staleAfter}. */
    boolean following() {
        return thread.isAlive() && Duration.between(lastContact, clock.instant()).compareTo(staleAfter) <= 0;
    }

    private void run() {
        Duration backoff = INITIAL_BACKOFF;
        Instant lastCheck = clock.instant();
        while (running) {
            try {
                if (consumer == null) {
                    consumer = position(consumers.get());
                    lastCheck = clock.instant();
                }
                pollOnce();
                if (!Duration.between(lastCheck, clock.instant()).minus(contactCheck).isNegative()) {
                    consumer.endOffsets(new ArrayList<>(next.keySet()), contactCheck);
                    lastCheck = clock.instant();
                    lastContact = lastCheck;
                }
                backoff = INITIAL_BACKOFF;
            } catch (RuntimeException e) {
                if (!running) {
                    break; // closing: the wakeup or interrupt is ours
                }
                backoff = failed(e, backoff);
            }
        }
        // close() interrupts a back-off sleep; left set, the flag would fail the consumer's own close (Kafka logs
        // "Failed to close fetcher" as an error on every shutdown).
        Thread.interrupted();
        closeConsumer();
    }

    /** Assigns every partition and seeks to where reading stopped, the beginning the first time. */
    private Consumer<String, MmsProfile> position(Consumer<String, MmsProfile> c) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : c.partitionsFor(topic, Duration.ofMinutes(1))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            for (TopicPartition tp : partitions) {
                Long at = next.putIfAbsent(tp, 0L);
                if (at != null && at > 0) {
                    c.seek(tp, at);
                }
            }
            if (startEnd == null) {
                startEnd = c.endOffsets(partitions);
            }
            lastContact = clock.instant();
            return c;
        } catch (RuntimeException e) {
            c.close(Duration.ZERO);
            throw e;
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, MmsProfile> r : consumer.poll(POLL)) {
                catalog.update(r.key(), r.value());
                next.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
            }
        } catch (RecordDeserializationException e) {
            unreadable.increment();
            LOG.error("profiles: unreadable record at {}@{} skipped: {}", e.topicPartition(), e.offset(),
                    e.getMessage());
            next.put(e.topicPartition(), e.offset() + 1);
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        if (caughtUp.getCount() > 0 && startEnd.entrySet().stream()
                .allMatch(en -> consumer.position(en.getKey()) >= en.getValue())) {
            caughtUp.countDown();
            LOG.info("profiles caught up with {}", topic);
        }
    }

    private Duration failed(RuntimeException e, Duration backoff) {
        failures.increment();
        LOG.error("profiles: following {} failed, resuming from {} in {} ms: {}", topic, next, backoff.toMillis(),
                e.toString(), e);
        closeConsumer();
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            running = false;
        }
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    private void closeConsumer() {
        Consumer<String, MmsProfile> c = consumer;
        consumer = null;
        if (c != null) {
            try {
                c.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("closing the profiles consumer: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Consumer<String, MmsProfile> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
