package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mmsguard shadow report} and {@code shadow promote} on a real broker, registry and inspection service: a
 * sender within the live flood limit but over the shadow's is reported as "shadow blocks, live passed" with its
 * sessions, and promote makes the shadow's content the live profile's next audited version.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ShadowCommandIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);
    private static final String SENDER = "+491703333333";

    @TempDir
    Path dir;

    @Test
    void theReportCountsTheShadowsBlocksAndPromoteMakesTheShadowLive(KafkaTestCluster kafka,
                                                                     ApicurioRegistry registry) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        String prefix = "it-shadow-cli-" + UUID.randomUUID().toString().substring(0, 8);
        InspectionOnBroker.createTopics(kafka, prefix);
        kafka.admin().createTopics(List.of(new NewTopic(prefix + ".config-audit", 1, (short) 1))).all()
                .get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        ProfilePublisher.publish(bootstrap, registry.url(), prefix + ".profiles", flood("strict", 2, null));
        ProfilePublisher.publish(bootstrap, registry.url(), prefix + ".profiles", flood("live", 100, "strict"));
        List<String> connection = List.of("--bootstrap-servers", bootstrap, "--registry-url", registry.url());
        try (InspectionService service = InspectionOnBroker.start(bootstrap, registry.url(), prefix,
                dir.resolve("state"), Map.of());
             KafkaProducer<String, MmsEnvelope> inbound = InspectionOnBroker.inbound(bootstrap, registry.url(),
                     prefix)) {
            List<String> sessions = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                sessions.add(prefix + "-s" + i);
                inbound.send(new ProducerRecord<>(prefix + ".inbound", SENDER, InspectionOnBroker.textMessage(
                        sessions.get(i - 1), SENDER, "hello " + i, "00".repeat(32), "live"))).get();
            }

            List<String> report = new ArrayList<>(List.of("shadow", "report", "--listener", "MM1", "--since", "1h",
                    "--shadow-log-topic", prefix + ".shadow-log", "--inspection-log-topic", prefix + ".inspection-log"));
            report.addAll(connection);
            Cli done = await("the shadow judged all four").atMost(HANG_GUARD).pollInterval(Duration.ofMillis(500))
                    .until(() -> Cli.run(report.toArray(String[]::new)),
                            r -> r.out().contains("total: 4 message(s) judged by the shadow"));
            assertThat(done.exit()).as(done.err()).isZero();
            List<String> rows = done.out().lines().toList();
            assertThat(rows.get(1)).startsWith("DIFFERENCE").contains("REASON", "THRESHOLD", "MESSAGES");
            assertThat(rows.get(2)).startsWith("shadow blocks, live passed  FLOOD      FLOOD #1 (2 per 60 min)")
                    .contains(" 2  " + SENDER).contains(sessions.get(2)).contains(sessions.get(3));
            assertThat(rows.get(3)).isEqualTo("total: 4 message(s) judged by the shadow; shadow blocks, live passed:"
                    + " 2; live blocks, shadow passed: 0; same block/pass: 2");

            List<String> promote = new ArrayList<>(List.of("shadow", "promote", "--profile", "live", "--author",
                    "alice", "--profiles-topic", prefix + ".profiles", "--endpoint-lists-topic",
                    prefix + ".endpoint-lists", "--audit-topic", prefix + ".config-audit", "--status-topic",
                    prefix + ".config-status"));
            promote.addAll(connection);
            Cli promoted = Cli.run(promote.toArray(String[]::new));
            assertThat(promoted.exit()).as(promoted.out() + promoted.err()).isZero();
            assertThat(promoted.out()).contains("profile live: version 1 -> " + prefix + ".profiles (promoted shadow strict)")
                    .contains("profile live version 1: in force on inspection instance");

            Cli got = Cli.run("config", "get", "--profile", "live", "--profiles-topic", prefix + ".profiles",
                    "--endpoint-lists-topic", prefix + ".endpoint-lists", "--bootstrap-servers", bootstrap,
                    "--registry-url", registry.url());
            assertThat(got.out()).contains("name: live").contains("limit: 2").doesNotContain("shadow");
        }
    }

    private static MmsProfile flood(String name, int limit, String shadow) {
        return MmsProfile.newBuilder().setName(name).setMm1(InterfaceSettings.newBuilder()
                .setFlood(List.of(Threshold.newBuilder().setEnabled(true).setWindowMinutes(60).setLimit(limit)
                        .setActions(List.of(ThresholdAction.BLOCK)).build()))
                .setShadow(shadow).build()).build();
    }
}
