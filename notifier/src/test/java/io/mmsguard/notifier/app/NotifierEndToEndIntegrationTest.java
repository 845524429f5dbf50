package io.mmsguard.notifier.app;

import static io.mmsguard.notifier.stream.NotifierFixtures.HANG_GUARD;
import static io.mmsguard.notifier.stream.NotifierFixtures.T0;
import static io.mmsguard.notifier.stream.NotifierFixtures.awaitCommitted;
import static io.mmsguard.notifier.stream.NotifierFixtures.createTopics;
import static io.mmsguard.notifier.stream.NotifierFixtures.mm1DeliveringProfile;
import static io.mmsguard.notifier.stream.NotifierFixtures.publishVirusBurst;
import static io.mmsguard.notifier.stream.NotifierFixtures.readCommitted;
import static io.mmsguard.notifier.stream.NotifierFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmsguard.avro.IntervalUnit;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.notifier.delivery.StubMmsc;
import io.mmsguard.notifier.stream.MutableClock;
import io.mmsguard.notifier.stream.NoticeMessage;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import io.mmsguard.testkit.tshark.PcapWriter;
import io.mmsguard.testkit.tshark.TsharkOracle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole notifier ({@link NotifierApp}: aggregation + delivery + admin HTTP) on a real broker and registry
 * against a stub MMSC: 500 VIRUS alerts under a rule of one hour give one m-send.req carrying 1 at once; the app is
 * closed mid-period, a new one on the same state directory and ids takes over, the test clock passes the hour, and
 * exactly one more m-send.req carrying 499 arrives - never a repeat of the first. Every request decodes with
 * {@code Mm1Decoder} and, when tshark is there, with Wireshark's dissector. Awaitility only guards against hangs:
 * the assertions are made after the delivery group's committed offset has passed every committed notice.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class NotifierEndToEndIntegrationTest {
    private static final String ADMIN = "+491702222222";
    private static final List<String> TSHARK_FIELDS = List.of("mmse.message_type", "mmse.transaction_id",
            "mmse.to", "_ws.malformed");
    private static String bootstrap;
    private static String registryUrl;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) {
        bootstrap = kafka.bootstrapServers();
        registryUrl = registry.url();
    }

    @Test
    void oneNoticeAtOnceAndOnePeriodicNoticeAcrossARestart() throws Exception {
        String prefix = "it-napp-" + UUID.randomUUID().toString().substring(0, 8);
        String alerts = prefix + ".alerts";
        String profiles = prefix + ".profiles";
        String notices = prefix + ".notices";
        String dead = prefix + ".notices-dead";
        String app = prefix + "-app";
        String group = prefix + "-delivery";
        createTopics(bootstrap, alerts, profiles, notices, dead);

        try (StubMmsc mmsc = new StubMmsc().path("/mm1", n -> StubMmsc.Answer.ok())) {
            Map<String, Object> serde = Map.of("schema.registry.url", registryUrl, "auto.register.schemas", true);
            ProfilePublisher.publish(bootstrap, registryUrl, profiles, mm1DeliveringProfile("p", mmsc.url("/mm1"),
                    ADMIN, rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS)));
            publishVirusBurst(bootstrap, ContractTopics.create(serde), "p", alerts, 500);

            NotifierConfig config = NotifierConfig.from(Settings.of(Map.ofEntries(
                    Map.entry("kafka.bootstrap.servers", bootstrap),
                    Map.entry("kafka.replication.factor", "1"),
                    Map.entry("serde.schema.registry.url", registryUrl),
                    Map.entry("notifier.application-id", app),
                    Map.entry("notifier.delivery.group-id", group),
                    Map.entry("notifier.state-dir", dir.resolve("state").toString()),
                    Map.entry("notifier.http-host", "127.0.0.1"),
                    Map.entry("notifier.http-port", "0"),
                    Map.entry("notifier.punctuation", "100ms"),
                    Map.entry("notifier.delivery.poll-timeout", "100ms"),
                    Map.entry("notifier.delivery.retry-initial", "20ms"),
                    Map.entry("topics.alerts", alerts),
                    Map.entry("topics.profiles", profiles),
                    Map.entry("topics.notices", notices),
                    Map.entry("topics.notices-dead", dead))));
            MutableClock clock = new MutableClock(T0.plusSeconds(1));

            NotifierApp first = NotifierApp.start(config, clock);
            try {
                awaitReady(first);
                awaitCommitted(bootstrap, app, alerts, 500);
                List<ConsumerRecord<String, NoticeMessage>> committed = readCommitted(bootstrap, notices, 1);
                assertThat(committed).extracting(r -> r.value().count()).containsExactly(1L);
                awaitCommitted(bootstrap, group, notices, committed.get(0).offset() + 1);
                assertThat(mmsc.received).hasSize(1);
                assertThat(mmsc.received.get(0).text()).startsWith("1 virus event(s)");
            } finally {
                first.close();
                first.close(); // idempotent
            }

            try (NotifierApp second = NotifierApp.start(config, clock)) {
                awaitReady(second);
                clock.advance(Duration.ofHours(1).plusSeconds(1));
                List<ConsumerRecord<String, NoticeMessage>> committed = readCommitted(bootstrap, notices, 2);
                awaitCommitted(bootstrap, group, notices, committed.get(committed.size() - 1).offset() + 1);
                assertThat(get(second, "/metrics").body()).contains("mmsguard_notifier_notices_sent_total");
                assertThat(get(second, "/health/live").statusCode()).isEqualTo(200);
            }

            List<ConsumerRecord<String, NoticeMessage>> all = readCommitted(bootstrap, notices, 2);
            assertThat(all).extracting(r -> r.value().count()).containsExactly(1L, 499L);
            List<StubMmsc.Received> received = mmsc.received;
            assertThat(received).hasSize(2);
            assertThat(received.get(0).text()).startsWith("1 virus event(s)");
            assertThat(received.get(1).text()).startsWith("499 virus event(s)");
            List<MmsPdu> pdus = received.stream().map(StubMmsc.Received::decoded).toList();
            assertThat(pdus).allSatisfy(pdu -> {
                assertThat(pdu.messageType()).isEqualTo(MessageType.SEND_REQ);
                assertThat(pdu.to()).containsExactly(ADMIN + "/TYPE=PLMN");
            });
            List<String> transactionIds = pdus.stream().map(MmsPdu::transactionId).toList();
            assertThat(transactionIds).doesNotHaveDuplicates()
                    .containsExactly(all.get(0).value().noticeId() + "/" + ADMIN,
                            all.get(1).value().noticeId() + "/" + ADMIN);

            TsharkOracle.assumeAvailable();
            PcapWriter pcap = new PcapWriter();
            for (int i = 0; i < received.size(); i++) {
                pcap.httpPost(40001 + i, received.get(i).body());
            }
            Path file = dir.resolve("notices.pcap");
            Files.write(file, pcap.toByteArray());
            List<String[]> rows = TsharkOracle.fields(file, "mmse", TSHARK_FIELDS);
            assertThat(rows).hasSize(2);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i)).as("tshark row %d", i)
                        .startsWith("0x80", transactionIds.get(i), ADMIN + "/TYPE=PLMN");
                assertThat(rows.get(i)[3]).as("malformed").isEmpty();
            }
        }
    }

    private static void awaitReady(NotifierApp app) {
        await("notifier ready").atMost(HANG_GUARD).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> get(app, "/health/ready").statusCode() == 200);
    }

    private static HttpResponse<String> get(NotifierApp app, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
