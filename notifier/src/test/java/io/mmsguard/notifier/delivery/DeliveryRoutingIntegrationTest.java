package io.mmsguard.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotifMsisdn;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationSettings;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.ThresholdRef;
import io.mmsguard.notifier.stream.MutableClock;
import io.mmsguard.notifier.stream.NoticeMessage;
import io.mmsguard.notifier.stream.NoticeTopics;
import io.mmsguard.notifier.stream.NotifierFixtures;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DeliveryWorker on a real broker and registry: who receives a notice and when.
 * <ul>
 *   <li>A notice outside its profile's daily window waits (its partition paused, the deferred-partitions gauge at
 *       1) while the other partition's notices are delivered; once the clock reaches the window it is sent.</li>
 *   <li>A sender notice goes to the infected sender only, with the sender text.</li>
 *   <li>A flood notice of threshold 2 goes to the administrator subscribed to flood-thresh-2 only.</li>
 *   <li>Credentials come from the {@link CredentialStore} by the profile's credentialsRef.</li>
 * </ul>
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class DeliveryRoutingIntegrationTest {
    private static final String ADMIN = "+491701111111";
    private static final String THRESHOLD_ADMIN = "+491702222222";
    private static final String OTHER_THRESHOLD_ADMIN = "+491703333333";
    private static final String INFECTED = "+491705555555";
    private static final Instant NIGHT = Instant.parse("2026-11-24T03:00:00Z");
    private static String bootstrap;
    private static String registryUrl;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) {
        bootstrap = kafka.bootstrapServers();
        registryUrl = registry.url();
    }

    private static MmsProfile nightOnly(String url) {
        MmsProfile p = NotifierFixtures.mm1DeliveringProfile("night", url, ADMIN,
                NotificationRule.newBuilder().setType(NotificationType.VIRUS).setEnabled(true).build());
        NotificationSettings s = NotificationSettings.newBuilder(p.getMm1().getNotification())
                .setWindowStartMinute(8 * 60).setWindowEndMinute(20 * 60).setTimeZone("UTC").build();
        return MmsProfile.newBuilder(p).setMm1(InterfaceSettings.newBuilder(p.getMm1()).setNotification(s).build())
                .build();
    }

    private static MmsProfile anyTime(String url) {
        NotificationSettings s = NotificationSettings.newBuilder()
                .setRules(List.of(
                        NotificationRule.newBuilder().setType(NotificationType.VIRUS).setEnabled(true)
                                .setNotifySender(true).build(),
                        NotificationRule.newBuilder().setType(NotificationType.FLOOD).setEnabled(true).build()))
                .setDelivery(NotificationDelivery.newBuilder().setMethod(MmsInterface.MM1).setMmscUrl(url)
                        .setCredentialsRef("mmsc-day").build())
                .build();
        return MmsProfile.newBuilder().setName("day")
                .setMm1(InterfaceSettings.newBuilder().setNotification(s).build())
                .setNotifMsisdn(List.of(
                        NotifMsisdn.newBuilder().setMsisdn(ADMIN).setTypes(List.of(NotificationType.VIRUS)).build(),
                        NotifMsisdn.newBuilder().setMsisdn(THRESHOLD_ADMIN).setThresholds(List.of(
                                ThresholdRef.newBuilder().setKind(ThresholdKind.FLOOD).setIndex(2).build())).build(),
                        NotifMsisdn.newBuilder().setMsisdn(OTHER_THRESHOLD_ADMIN).setThresholds(List.of(
                                ThresholdRef.newBuilder().setKind(ThresholdKind.FLOOD).setIndex(1).build())).build()))
                .build();
    }

    private static NoticeMessage notice(String id, NotificationType type, String profile, String sender,
                                        boolean toSender, Integer threshold) {
        return new NoticeMessage(id, type, profile, MmsInterface.MM1, 4, "2026-11-24T02:00:00Z",
                "2026-11-24T02:30:00Z", sender, type == NotificationType.VIRUS ? "EICAR" : null,
                threshold == null ? null : "flood-thresh-" + threshold, threshold == null ? null : "60 min", null,
                toSender, threshold);
    }

    @Test
    void deferredNoticesWaitForTheWindowAndRecipientsFollowTheNotice() throws Exception {
        String prefix = "it-routing-" + UUID.randomUUID().toString().substring(0, 8);
        String noticesTopic = prefix + ".notices";
        String deadTopic = prefix + ".notices-dead";
        String profilesTopic = prefix + ".profiles";
        NotifierFixtures.createTopics(bootstrap, 2, noticesTopic);
        NotifierFixtures.createTopics(bootstrap, deadTopic, profilesTopic);
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl, "auto.register.schemas", true);
        Topic<String, MmsProfile> profilesOut = ContractTopics.create(serde).topic(Contracts.PROFILES, profilesTopic);
        TopicPartition deferred = new TopicPartition(noticesTopic, 0);
        TopicPartition open = new TopicPartition(noticesTopic, 1);

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        MutableClock clock = new MutableClock(NIGHT);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (StubMmsc mmsc = new StubMmsc().path("/night", n -> StubMmsc.Answer.ok())
                .path("/day", n -> StubMmsc.Answer.ok())) {
            Properties pp = NotifierFixtures.producerProperties(bootstrap);
            try (ProfilePublisher profiles = new ProfilePublisher(bootstrap, registryUrl, profilesTopic);
                 KafkaProducer<String, NoticeMessage> notices = new KafkaProducer<>(pp, new StringSerializer(),
                         NoticeTopics.NOTICES.valueSerde().serializer())) {
                profiles.publish("night", nightOnly(mmsc.url("/night"))).publish("day", anyTime(mmsc.url("/day")));
                notices.send(new ProducerRecord<>(noticesTopic, 0, "night/MM1/VIRUS",
                        notice("n1", NotificationType.VIRUS, "night", "+1", false, null))).get();
                notices.send(new ProducerRecord<>(noticesTopic, 1, "day/MM1/VIRUS",
                        notice("d1", NotificationType.VIRUS, "day", INFECTED, true, null))).get();
                notices.send(new ProducerRecord<>(noticesTopic, 1, "day/MM1/FLOOD",
                        notice("d2", NotificationType.FLOOD, "day", "+2", false, 2))).get();
            }

            DeliveryWorker.Config config = new DeliveryWorker.Config(
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                            ConsumerConfig.GROUP_ID_CONFIG, prefix), NoticeTopics.NOTICES.named(noticesTopic),
                    NoticeTopics.NOTICES_DEAD.named(deadTopic), profilesOut, Duration.ofMillis(100));
            Retrier retrier = new Retrier(Retrier.Scheduler.of(timer), Duration.ofMillis(20), 2.0, 3);
            CredentialStore secrets = new CredentialStore(null, Map.of("MMSGUARD_SECRET_MMSC_DAY", "day:pw"));
            try (DeliveryWorker worker = new DeliveryWorker(config,
                    Map.of(MmsInterface.MM1, Mm1Sender.create(Duration.ofSeconds(10), secrets)), retrier,
                    clock, meters)) {
                Thread thread = new Thread(worker, "delivery-worker");
                thread.start();
                NotifierFixtures.awaitCommitted(bootstrap, prefix, open, 2);
                await("partition deferred").atMost(NotifierFixtures.HANG_GUARD).pollInterval(Duration.ofMillis(20))
                        .until(() -> meters.get("mmsguard.notifier.partitions.deferred").gauge().value() == 1.0);
                assertThat(mmsc.at("/night")).as("outside the window").isEmpty();

                List<StubMmsc.Received> day = mmsc.at("/day");
                assertThat(day).extracting(r -> r.decoded().to())
                        .containsExactly(List.of(INFECTED + "/TYPE=PLMN"), List.of(THRESHOLD_ADMIN + "/TYPE=PLMN"));
                assertThat(day.get(0).text()).contains("contained the virus EICAR");
                assertThat(day.get(0).decoded().transactionId()).isEqualTo("d1/" + INFECTED);
                assertThat(day.get(1).text()).contains("flood-thresh-2");
                assertThat(day).extracting(StubMmsc.Received::authorization)
                        .containsOnly("Basic " + Base64.getEncoder().encodeToString("day:pw".getBytes()));

                clock.advance(Duration.ofHours(5));
                NotifierFixtures.awaitCommitted(bootstrap, prefix, deferred, 1);
                assertThat(mmsc.at("/night")).extracting(r -> r.decoded().to())
                        .containsExactly(List.of(ADMIN + "/TYPE=PLMN"));
                assertThat(meters.get("mmsguard.notifier.partitions.deferred").gauge().value()).isZero();
                worker.close();
                thread.join(NotifierFixtures.HANG_GUARD.toMillis());
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                TopicPartition dead = new TopicPartition(deadTopic, 0);
                assertThat(admin.listOffsets(Map.of(dead, OffsetSpec.latest())).partitionResult(dead).get().offset())
                        .as("nothing dead-lettered").isZero();
            }
        } finally {
            timer.shutdownNow();
        }
    }
}
