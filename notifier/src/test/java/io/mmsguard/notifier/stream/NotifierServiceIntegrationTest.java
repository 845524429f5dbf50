package io.mmsguard.notifier.stream;

import static io.mmsguard.notifier.stream.NotifierFixtures.HANG_GUARD;
import static io.mmsguard.notifier.stream.NotifierFixtures.T0;
import static io.mmsguard.notifier.stream.NotifierFixtures.awaitCommitted;
import static io.mmsguard.notifier.stream.NotifierFixtures.createTopics;
import static io.mmsguard.notifier.stream.NotifierFixtures.readCommitted;
import static io.mmsguard.notifier.stream.NotifierFixtures.mm1Profile;
import static io.mmsguard.notifier.stream.NotifierFixtures.publishVirusBurst;
import static io.mmsguard.notifier.stream.NotifierFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmsguard.avro.IntervalUnit;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
        createTopics(bootstrap, settings.alertsTopic(), settings.profilesTopic(), settings.noticesTopic());
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl, "auto.register.schemas", true);
        ProfilePublisher.publish(bootstrap, registryUrl, settings.profilesTopic(),
                mm1Profile("p", rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS)));
        publishVirusBurst(bootstrap, ContractTopics.create(serde), "p", settings.alertsTopic(), 500);

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
            awaitCommitted(bootstrap, app, settings.alertsTopic(), 500);
            List<NoticeMessage> notices = notices(settings.noticesTopic(), 1);
            assertThat(notices).extracting(NoticeMessage::count).containsExactly(1L);
        }

        try (NotifierService second = NotifierService.start(config, clock)) {
            awaitRunning(second);
            clock.advance(Duration.ofHours(1).plusSeconds(1));
            List<NoticeMessage> notices = notices(settings.noticesTopic(), 2);
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

    private static List<NoticeMessage> notices(String topic, int expected) {
        return readCommitted(bootstrap, topic, expected).stream().map(ConsumerRecord::value).toList();
    }
}
