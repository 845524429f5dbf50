package io.mmsguard.notifier.stream;

import static org.awaitility.Awaitility.await;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.IntervalUnit;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotifMsisdn;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationSettings;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Profiles, alerts and broker helpers shared by the notifier's tests (single-partition topics). */
public final class NotifierFixtures {
    public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    /** Awaitility's limit: only a guard against hangs, never what a test asserts. */
    public static final Duration HANG_GUARD = Duration.ofSeconds(90);

    private NotifierFixtures() {
    }

    public static NotificationRule rule(NotificationType type, boolean enabled, int interval, IntervalUnit unit) {
        return NotificationRule.newBuilder().setType(type).setEnabled(enabled).setInterval(interval)
                .setIntervalUnit(unit).build();
    }

    /** A profile whose MM1 notification settings hold {@code rules}. */
    public static MmsProfile mm1Profile(String name, NotificationRule... rules) {
        return MmsProfile.newBuilder().setName(name).setMm1(InterfaceSettings.newBuilder()
                .setNotification(NotificationSettings.newBuilder().setRules(List.of(rules)).build()).build()).build();
    }

    /**
     * A profile whose MM1 notification settings hold {@code rules} and deliver over MM1 to {@code mmscUrl} (default
     * schedule: every day, 0-1440 UTC, no rate limit), with one notif-msisdn administrator for VIRUS.
     */
    public static MmsProfile mm1DeliveringProfile(String name, String mmscUrl, String admin,
                                                  NotificationRule... rules) {
        NotificationSettings s = NotificationSettings.newBuilder().setRules(List.of(rules))
                .setDelivery(NotificationDelivery.newBuilder().setMethod(MmsInterface.MM1).setMmscUrl(mmscUrl).build())
                .build();
        return MmsProfile.newBuilder().setName(name)
                .setMm1(InterfaceSettings.newBuilder().setNotification(s).build())
                .setNotifMsisdn(List.of(NotifMsisdn.newBuilder().setMsisdn(admin)
                        .setTypes(List.of(NotificationType.VIRUS)).build()))
                .build();
    }

    public static Alert alert(String profile, NotificationType type, String sender, Instant at) {
        return Alert.newBuilder().setProfile(profile).setMmsInterface(MmsInterface.MM1).setType(type)
                .setSender(sender).setVirusName(type == NotificationType.VIRUS ? "EICAR" : null).setEventAt(at).build();
    }

    /** The key the inspection topology writes: {@code <profile>/<interface>/<type>}. */
    public static String key(Alert a) {
        return NoticeStream.admin(a).alertKey();
    }

    /** An acks=all producer's properties for the broker at {@code bootstrap}. */
    public static Properties producerProperties(String bootstrap) {
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        return pp;
    }

    /** Topics of one partition and replication factor 1. */
    public static void createTopics(String bootstrap, String... topics) throws Exception {
        createTopics(bootstrap, 1, topics);
    }

    /** Topics of {@code partitions} partitions and replication factor 1. */
    public static void createTopics(String bootstrap, int partitions, String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                    .all().get();
        }
    }

    /** Waits (hang guard only) until {@code group}'s committed offset on partition 0 of {@code topic} is >= end. */
    public static void awaitCommitted(String bootstrap, String group, String topic, long end) {
        awaitCommitted(bootstrap, group, new TopicPartition(topic, 0), end);
    }

    /** Waits (hang guard only) until {@code group}'s committed offset on {@code tp} is >= end. */
    public static void awaitCommitted(String bootstrap, String group, TopicPartition tp, long end) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            await(group + " committed " + end + " on " + tp).atMost(HANG_GUARD).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> {
                        OffsetAndMetadata c = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata().get().get(tp);
                        return c != null && c.offset() >= end;
                    });
        }
    }

    /** Every committed notice from the beginning, once at least {@code expected} are seen, read to the LSO. */
    public static List<ConsumerRecord<String, NoticeMessage>> readCommitted(String bootstrap, String topic,
                                                                            int expected) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, NoticeMessage> consumer =
                     new KafkaConsumer<>(c, NoticeTopics.NOTICES.keySerde().deserializer(),
                             NoticeTopics.NOTICES.valueSerde().deserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<String, NoticeMessage>> seen = new ArrayList<>();
            await("at least " + expected + " notices").atMost(HANG_GUARD).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                        return seen.size() >= expected;
                    });
            long lso = consumer.endOffsets(List.of(tp)).get(tp);
            await("notices read to the last stable offset").atMost(HANG_GUARD).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                        return consumer.position(tp) >= lso;
                    });
            return seen;
        }
    }

    /**
     * Writes {@code count} VIRUS alerts of the profile {@code profile} on MM1 (senders {@code +49170<i>}, event times
     * T0 + i ms) to {@code alertsTopic}, acknowledged by all.
     */
    public static void publishVirusBurst(String bootstrap, ContractTopics contracts, String profile,
                                         String alertsTopic, int count) throws Exception {
        Properties pp = producerProperties(bootstrap);
        Topic<String, Alert> alertsOut = contracts.topic(Contracts.ALERTS, alertsTopic);
        try (KafkaProducer<String, Alert> alerts = new KafkaProducer<>(pp,
                     alertsOut.keySerde().serializer(), alertsOut.valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                Alert a = alert(profile, NotificationType.VIRUS, "+49170" + i, T0.plusMillis(i));
                alerts.send(new ProducerRecord<>(alertsTopic, key(a), a));
            }
            alerts.flush();
        }
    }
}
