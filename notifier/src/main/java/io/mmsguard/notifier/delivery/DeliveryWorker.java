package io.mmsguard.notifier.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationSettings;
import io.mmsguard.notifier.DeliverySchedule;
import io.mmsguard.notifier.Notice;
import io.mmsguard.notifier.NoticeComposer;
import io.mmsguard.notifier.NotificationRules;
import io.mmsguard.notifier.RateLimiter;
import io.mmsguard.notifier.RateLimits;
import io.mmsguard.notifier.Recipients;
import io.mmsguard.notifier.stream.NoticeMessage;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.schemas.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.service.log.LogSafe;
import io.mmsguard.service.log.MsisdnLog;
import io.mmsguard.service.log.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery stage: a read_committed consumer (group {@value #GROUP_ID}, auto commit off) of the notices topic.
 * For each notice, in partition order: the profile (a {@link ProfileCatalog} fed by a reader of the profiles topic,
 * read to its end before the first notice and polled between notices), the interface's notification settings,
 * the recipients ({@link Recipients}), the schedule ({@link DeliverySchedule}), the rate limit ({@link RateLimits}:
 * one per profile/interface, at the rate of the profile in force, so a change applies at the next notice), the
 * text ({@link NoticeComposer}); then one send per recipient through the {@link Retrier}. A recipient whose last
 * try failed (or that failed permanently) is written with the error to the dead-letter topic (JSON) before the
 * offset moves on. The offset is committed synchronously after each notice is delivered or dead-lettered, so a
 * crash before the commit delivers the notice again (at least once; the MM1 Transaction-ID / MM7 TransactionID /
 * MM4 X-Mms-Transaction-ID is {@code <noticeId>/<recipient>}, the same on every redelivery, so an MMSC that
 * de-duplicates by transaction id sees the repeat).
 * <p>
 * Outside the schedule's window the notice's partition is paused and rewound to the notice until the next allowed
 * instant; other partitions go on. Rate limiting waits in the loop (at most one second per notice).
 * A notice whose profile/settings/recipients yield nothing to send is committed without sending; a record that is
 * not a notice, or whose schedule allows no day, goes to the dead-letter topic.
 */
public final class DeliveryWorker implements Runnable, AutoCloseable {
    public static final String GROUP_ID = "mmsguard-notifier-delivery";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param kafka    common client properties (bootstrap servers, security); any consumer property too, group.id
     *                 included (default {@value #GROUP_ID})
     * @param notices  the notices topic ({@code NoticeTopics.NOTICES} under its configured name)
     * @param dead     the dead-letter topic ({@code NoticeTopics.NOTICES_DEAD} under its configured name)
     * @param profiles the profiles topic, with the service's registry-bound serde
     */
    public record Config(Map<String, Object> kafka, Topic<String, NoticeMessage> notices, Topic<String, String> dead,
                         Topic<String, MmsProfile> profiles, Duration pollTimeout) {
    }

    private final Config config;
    private final Map<MmsInterface, NoticeSender> senders;
    private final Retrier retrier;
    private final Clock clock;
    private final ProfileCatalog profiles = ProfileCatalog.pinningEveryName(ProfileValidator.standard());
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaConsumer<String, MmsProfile> profileReader;
    private final KafkaProducer<String, String> deadLetters;
    private final Map<TopicPartition, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final RateLimits limits = new RateLimits();
    private final Deserializer<NoticeMessage> notices;
    private final Counter sent;
    private final Counter retried;
    private final Counter dead;
    private volatile boolean running = true;

    public DeliveryWorker(Config config, Map<MmsInterface, NoticeSender> senders, Retrier retrier, Clock clock,
                          MeterRegistry meters) {
        this.config = config;
        this.senders = Map.copyOf(senders);
        this.retrier = retrier;
        this.clock = clock;
        MeterRegistry m = meters == null ? new SimpleMeterRegistry() : meters;
        this.sent = m.counter("mmsguard.notifier.notices.sent");
        this.retried = m.counter("mmsguard.notifier.notices.retried");
        this.dead = m.counter("mmsguard.notifier.notices.dead");
        m.gauge("mmsguard.notifier.partitions.deferred", pausedUntil, Map::size);

        Properties c = new Properties();
        c.putAll(config.kafka());
        c.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5);
        c.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 900_000);
        // Values as bytes: a record that is not a notice goes to the dead-letter topic instead of failing the poll.
        this.consumer = new KafkaConsumer<>(c, config.notices().keySerde().deserializer(), new ByteArrayDeserializer());
        this.notices = config.notices().valueSerde().deserializer();

        Properties r = new Properties();
        r.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        r.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        r.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.profileReader = new KafkaConsumer<>(r, config.profiles().keySerde().deserializer(),
                config.profiles().valueSerde().deserializer());

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.putAll(MessageSize.producerConfigs());
        this.deadLetters = new KafkaProducer<>(p, config.dead().keySerde().serializer(),
                config.dead().valueSerde().serializer());
    }

    /** The rate limits in force per {@code profile/interface}, as the last notice of each found them (for tests). */
    RateLimits rateLimits() {
        return limits;
    }

    /** The profiles known so far (for tests and health). */
    public ProfileCatalog profiles() {
        return profiles;
    }

    @Override
    public void run() {
        try {
            startProfiles();
            consumer.subscribe(List.of(config.notices().name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                    partitions.forEach(pausedUntil::remove);
                }

                @Override
                public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                }
            });
            while (running) {
                resumeDue();
                ConsumerRecords<String, byte[]> records = consumer.poll(config.pollTimeout());
                pollProfiles();
                for (TopicPartition tp : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> rec : records.records(tp)) {
                        if (!running || !handle(tp, rec)) {
                            break;
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
            profileReader.close();
            deadLetters.close();
        }
    }

    private void startProfiles() {
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionInfo pi : profileReader.partitionsFor(config.profiles().name())) {
            tps.add(new TopicPartition(pi.topic(), pi.partition()));
        }
        profileReader.assign(tps);
        profileReader.seekToBeginning(tps);
        Map<TopicPartition, Long> end = profileReader.endOffsets(tps);
        while (running && tps.stream().anyMatch(tp -> profileReader.position(tp) < end.get(tp))) {
            pollProfiles(Duration.ofMillis(100));
        }
    }

    private void pollProfiles() {
        pollProfiles(Duration.ZERO);
    }

    private void pollProfiles(Duration timeout) {
        for (ConsumerRecord<String, MmsProfile> r : profileReader.poll(timeout)) {
            profiles.update(r.key(), r.value());
        }
    }

    private void resumeDue() {
        Instant now = clock.instant();
        List<TopicPartition> due = new ArrayList<>();
        pausedUntil.forEach((tp, at) -> {
            if (!now.isBefore(at)) {
                due.add(tp);
            }
        });
        due.forEach(pausedUntil::remove);
        due.retainAll(consumer.assignment());
        if (!due.isEmpty()) {
            consumer.resume(due);
        }
    }

    /** @return false when the partition was paused (skip the rest of its batch) */
    private boolean handle(TopicPartition tp, ConsumerRecord<String, byte[]> rec) {
        NoticeMessage message;
        Notice notice;
        try {
            message = notices.deserialize(rec.topic(), rec.value());
            notice = message.toNotice();
        } catch (RuntimeException e) {
            deadLetter(rec, null, "not a notice: " + e, 0);
            commit(tp, rec);
            return true;
        }
        Profile profile = profiles.resolve(notice.profile());
        NotificationSettings s = profile.settings(notice.mmsInterface()).getNotification();
        Optional<Instant> allowed;
        try {
            allowed = DeliverySchedule.of(s).nextAllowed(clock.instant());
        } catch (IllegalArgumentException e) {
            allowed = Optional.empty();
        }
        if (allowed.isEmpty()) {
            deadLetter(rec, null, "the delivery schedule allows no time", 0);
            commit(tp, rec);
            return true;
        }
        if (allowed.get().isAfter(clock.instant())) {
            consumer.pause(List.of(tp));
            consumer.seek(tp, rec.offset());
            pausedUntil.put(tp, allowed.get());
            LOG.info("notice {} waits for the delivery window until {}", message.noticeId(), allowed.get());
            return false;
        }
        NotificationDelivery delivery = s.getDelivery();
        NoticeSender sender = senders.get(delivery.getMethod());
        List<Recipients.Recipient> recipients = Recipients.of(message.target(),
                NotificationRules.enabledRule(s, notice.type()).orElse(null),
                profile.source().getNotifMsisdn());
        RateLimiter limiter = limits.limiter(notice.profile() + "/" + notice.mmsInterface(),
                s.getRateLimitPerSecond());
        for (Recipients.Recipient recipient : recipients) {
            if (sender == null) {
                deadLetter(rec, recipient.address(), "no sender for delivery method " + delivery.getMethod(), 0);
                continue;
            }
            NoticeComposer.Outgoing out;
            try {
                out = NoticeComposer.compose(notice, recipient, delivery,
                        NotificationRules.template(s, notice.type()), message.noticeId() + "/" + recipient.address(),
                        clock.instant());
            } catch (RuntimeException e) {
                deadLetter(rec, recipient.address(), "cannot compose: " + e, 0);
                continue;
            }
            waitUntil(limiter.reserve(clock.instant()));
            Retrier.Outcome outcome = retrier.run(() -> sender.send(out, delivery), n -> retried.increment()).join();
            if (outcome.result().delivered()) {
                sent.increment();
                SentNoticeLog.line(profile.source(), message, recipient.address(), delivery.getMethod(),
                        outcome.attempts()).ifPresent(LOG::info);
            } else {
                deadLetter(rec, recipient.address(), outcome.result().detail(), outcome.attempts());
            }
        }
        commit(tp, rec);
        return true;
    }

    private void waitUntil(Instant at) {
        long ms = Duration.between(clock.instant(), at).toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> rec, String recipient, String reason, int attempts) {
        // The reason may quote the delivery's mmscUrl, user-info included.
        String error = UserInfo.mask(reason);
        ObjectNode o = JSON.createObjectNode();
        try {
            o.set("notice", JSON.readTree(rec.value()));
        } catch (Exception e) {
            o.put("raw", rec.value() == null ? null : new String(rec.value(), StandardCharsets.UTF_8));
        }
        o.put("recipient", recipient);
        o.put("error", error);
        o.put("attempts", attempts);
        o.put("topic", rec.topic());
        o.put("partition", rec.partition());
        o.put("offset", rec.offset());
        o.put("at", clock.instant().toString());
        try {
            deadLetters.send(new ProducerRecord<>(config.dead().name(), rec.key(), JSON.writeValueAsString(o))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + config.dead().name(), e);
        }
        dead.increment();
        LOG.warn("notice at {}-{}@{} to {} dead-lettered: {}", rec.topic(), rec.partition(), rec.offset(),
                MsisdnLog.of(recipient), LogSafe.text(error));
    }

    private void commit(TopicPartition tp, ConsumerRecord<String, byte[]> rec) {
        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(rec.offset() + 1)));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
