package io.mmsguard.notifier.stream;

import static io.mmsguard.notifier.stream.NotifierFixtures.T0;
import static io.mmsguard.notifier.stream.NotifierFixtures.alert;
import static io.mmsguard.notifier.stream.NotifierFixtures.key;
import static io.mmsguard.notifier.stream.NotifierFixtures.mm1Profile;
import static io.mmsguard.notifier.stream.NotifierFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.IntervalUnit;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NotifierService on a real broker and registry, exactly-once v2: a burst gives one immediate notice; a restart
 * mid-period (same application id and state directory) keeps the pending count for the periodic notice and never
 * repeats the first. Awaitility only guards against hangs; what is asserted is read to the last stable offset.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class NotifierServiceIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);
    private static String bootstrap;
    private static String registryUrl;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) {
        bootstrap = kafka.bootstrapServers();
        registryUrl = registry.url();
    }

    @Test
    void restartMidPeriodNeitherLosesNorRepeatsNotices() throws Exception {
        String prefix = "it-notifier-" + UUID.randomUUID().toString().substring(0, 8);
        NotifierSettings settings = new NotifierSettings(prefix + ".alerts", prefix + ".profiles",
                prefix + ".notices", Duration.ofMillis(100));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(settings.alertsTopic(), 1, (short) 1),
                    new NewTopic(settings.profilesTopic(), 1, (short) 1),
                    new NewTopic(settings.noticesTopic(), 1, (short) 1))).all().get();
        }
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl, "auto.register.schemas", true);
        NotifierSerdes serdes = new NotifierSerdes(SchemaRegistryClient.create(serde), serde);
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, MmsProfile> profiles =
                     new KafkaProducer<>(pp, new StringSerializer(), serdes.profile().serializer());
             KafkaProducer<String, Alert> alerts =
                     new KafkaProducer<>(pp, new StringSerializer(), serdes.alert().serializer())) {
            MmsProfile p = mm1Profile("p", rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS));
            profiles.send(new ProducerRecord<>(settings.profilesTopic(), "p", p)).get();
            for (int i = 0; i < 500; i++) {
                Alert a = alert("p", NotificationType.VIRUS, "+49170" + i, T0.plusMillis(i));
                alerts.send(new ProducerRecord<>(settings.alertsTopic(), key(a), a));
            }
            alerts.flush();
        }

        String app = prefix + "-app";
        NotifierService.Config config = new NotifierService.Config(Map.of(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                StreamsConfig.APPLICATION_ID_CONFIG, app,
                StreamsConfig.REPLICATION_FACTOR_CONFIG, 1,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100),
                serde, stateDir, settings, null);
        MutableClock clock = new MutableClock(T0.plusSeconds(1));

        try (NotifierService first = NotifierService.start(config, clock)) {
            awaitRunning(first);
            awaitInputCommitted(app, settings.alertsTopic(), 500);
            List<NoticeMessage> notices = readCommitted(settings.noticesTopic(), 1);
            assertThat(notices).extracting(NoticeMessage::count).containsExactly(1L);
        }

        try (NotifierService second = NotifierService.start(config, clock)) {
            awaitRunning(second);
            clock.advance(Duration.ofHours(1).plusSeconds(1));
            List<NoticeMessage> notices = readCommitted(settings.noticesTopic(), 2);
            assertThat(notices).extracting(NoticeMessage::count).containsExactly(1L, 499L);
            assertThat(notices).extracting(NoticeMessage::noticeId).doesNotHaveDuplicates();
            assertThat(notices.get(0).noticeId()).isEqualTo("p/MM1/VIRUS@" + T0.toEpochMilli());
            assertThat(notices.get(1).noticeId()).isEqualTo("p/MM1/VIRUS@" + clock.instant().toEpochMilli());
        }
    }

    private static void awaitRunning(NotifierService service) {
        await("notifier RUNNING").atMost(HANG_GUARD).pollInterval(Duration.ofMillis(50))
                .until(() -> service.streams().state() == KafkaStreams.State.RUNNING);
    }

    private static void awaitInputCommitted(String group, String topic, long end) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            await("input committed").atMost(HANG_GUARD).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> {
                        OffsetAndMetadata c = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata().get().get(tp);
                        return c != null && c.offset() >= end;
                    });
        }
    }

    /** Every committed notice from the beginning, once at least {@code expected} are seen, read to the LSO. */
    private static List<NoticeMessage> readCommitted(String topic, int expected) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, NoticeMessage> consumer =
                     new KafkaConsumer<>(c, new StringDeserializer(), new NoticeMessageSerde().deserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<NoticeMessage> seen = new ArrayList<>();
            await("at least " + expected + " notices").atMost(HANG_GUARD).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> seen.add(r.value()));
                        return seen.size() >= expected;
                    });
            long lso = consumer.endOffsets(List.of(tp)).get(tp);
            await("notices read to the last stable offset").atMost(HANG_GUARD).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> seen.add(r.value()));
                        return consumer.position(tp) >= lso;
                    });
            return seen;
        }
    }
}
