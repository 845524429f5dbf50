package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.mmsguard.deploy.TopicPlan;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.inspection.validation.ValidationProblem;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config apply} waits for a real inspection service's verdict on mms.config-status. The service here also
 * refuses profiles whose comment says "refused by inspection": a rule the CLI does not know, as a service of a newer
 * release or with a stricter scanner setup has. A change it accepts is reported in force; one it refuses exits 5
 * with the service's reason, and the version before stays in force.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ConfigApplyWaitIntegrationTest {
    private static final Path EXAMPLE = Path.of("examples/profiles.yaml");
    /** Guards against a hang only. */
    private static final String WAIT = "2m";
    private static final String REFUSED = "refused by inspection";
    private static KafkaTestCluster kafka;
    private static String registryUrl;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(KafkaTestCluster cluster, ApicurioRegistry registry) {
        kafka = cluster;
        registryUrl = registry.url();
    }

    @Test
    void applyReportsANewVersionInForceAndExitsFiveWithTheReasonWhenTheServiceRejectsIt() throws Exception {
        ConfigTopicsFixture topics = ConfigTopicsFixture.create(kafka, registryUrl);
        ProfileValidator stricter = ProfileValidator.standard().with((profile, context, problems) -> {
            if (profile.getComment() != null && profile.getComment().contains(REFUSED)) {
                problems.add(new ValidationProblem("comment", "this deployment refuses it"));
            }
        });
        try (InspectionService inspection = InspectionService.start(inspectionConfig(topics), stricter)) {
            assertThat(inspection.awaitRunning(Duration.ofMinutes(2))).isTrue();
            String instance = "127.0.0.1:" + inspection.httpPort();

            Cli accepted = topics.config("apply", "--author", "alice", "--wait", WAIT, EXAMPLE.toString());

            assertThat(accepted.exit()).as(accepted.err()).isZero();
            assertThat(accepted.out()).contains(
                    "waiting up to 120s for the inspection service (" + topics.names().status() + ") ...\n",
                    "endpoint list vip-senders version 1: in force on inspection instance " + instance + "\n",
                    "profile default version 1: in force on inspection instance " + instance + "\n",
                    "profile strict version 1: in force on inspection instance " + instance + "\n");

            Path refused = Files.writeString(dir.resolve("refused.yaml"), Files.readString(EXAMPLE)
                    .replace("For a test APN; monitor only, nothing is blocked.", REFUSED));
            Cli rejected = topics.config("apply", "--author", "bob", "--wait", WAIT, refused.toString());

            assertThat(rejected.exit()).as(rejected.out()).isEqualTo(ExitCodes.REJECTED).isEqualTo(5);
            assertThat(rejected.out()).contains("profile strict: version 2 -> " + topics.names().profiles()
                    + " (changed comment)\n");
            assertThat(rejected.err()).isEqualTo("mmsguard: profile strict version 2: rejected: comment: this"
                    + " deployment refuses it on inspection instance " + instance
                    + "; the previous version stays in force\n");
        }
    }

    @Test
    void withoutAnInspectionServiceApplyExitsSixAfterTheWaitAndNoWaitDoesNotWait() throws Exception {
        ConfigTopicsFixture topics = ConfigTopicsFixture.create(kafka, registryUrl);

        Cli unconfirmed = topics.config("apply", "--author", "alice", "--wait", "500ms", EXAMPLE.toString());

        assertThat(unconfirmed.exit()).as(unconfirmed.err()).isEqualTo(ExitCodes.NOT_CONFIRMED).isEqualTo(6);
        assertThat(unconfirmed.out()).endsWith("3 record(s) written\n"
                + "waiting up to 500ms for the inspection service (" + topics.names().status() + ") ...\n");
        assertThat(unconfirmed.err()).contains("mmsguard: profile default version 1: not reported by any inspection"
                + " instance within 500ms (written; is the inspection service running?)\n");

        Path changed = Files.writeString(dir.resolve("changed.yaml"), Files.readString(EXAMPLE)
                .replace("limit: 20", "limit: 25"));
        Cli noWait = topics.config("apply", "--author", "alice", "--no-wait", changed.toString());
        assertThat(noWait.exit()).as(noWait.err()).isZero();
        assertThat(noWait.out()).endsWith("1 record(s) written\n");
    }

    private InspectionConfig inspectionConfig(ConfigTopicsFixture topics) {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        s.put("kafka.replication.factor", "1");
        s.put("serde.schema.registry.url", registryUrl);
        s.put("inspection.application-id", topics.prefix() + "inspection");
        s.put("inspection.state-dir", dir.resolve("state").toString());
        s.put("inspection.http-host", "127.0.0.1");
        s.put("inspection.http-port", "0");
        TopicPlan.embedded().forEach(t -> {
            String key = "topics." + t.name().substring(t.name().indexOf('.') + 1);
            if (InspectionConfig.KEYS.find(key).isPresent()) {
                s.put(key, topics.topic(t.name()));
            }
        });
        return InspectionConfig.from(Settings.of(s, InspectionConfig.KEYS));
    }
}
