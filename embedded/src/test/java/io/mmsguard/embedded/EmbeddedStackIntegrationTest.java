package io.mmsguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.deploy.TopicPlan;
import io.mmsguard.schemas.Topics;
import io.mmsguard.testkit.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded mode as {@code mmsguard up --demo} runs it: Kafka, the registry, the inspection service, the gateway
 * with all four listeners, the notifier and the demo MMSC. The demo traffic over MM1, MM7, MM3 and MM4 is judged
 * exactly, each block for its reason, and the notifier delivers exactly one notice per notice stream (and one to
 * the infected MM1 sender). Then the whole stack restarts on the same data directory: the profile comes from the
 * compacted topic, the traffic is judged the same, and no administrator notice is repeated (every stream was
 * notified within its hour); only the run's new infected sender is told.
 */
class EmbeddedStackIntegrationTest {

    @Test
    void theDemoOverEveryInterfaceIsJudgedExactlyAndNoticesAreNotRepeatedAfterARestart(@TempDir Path data)
            throws Exception {
        EmbeddedStack.Settings settings = new EmbeddedStack.Settings(data, FreePorts.next(), FreePorts.next(),
                FreePorts.next());
        EmbeddedServices.Ports ports = new EmbeddedServices.Ports(0, 0, 0, 0, 0, 0, 0, FreePorts.next());
        Map<String, Integer> idsBefore;
        try (EmbeddedStack stack = EmbeddedStack.start(settings)) {
            idsBefore = stack.schemaIds();
            assertThat(idsBefore).containsOnlyKeys(TopicPlan.avro().stream().map(t -> t.name() + "-value")
                    .toArray(String[]::new));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .containsAll(TopicPlan.embedded().stream().map(TopicPlan.TopicSpec::name).toList());
                ConfigResource profiles = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PROFILES);
                Config config = admin.describeConfigs(List.of(profiles)).all().get(30, TimeUnit.SECONDS).get(profiles);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            }
            Demo.Result first = DemoRuns.run(stack, data, ports, true);
            assertJudgedExactly(first);
            List<String> recipients = first.notices().stream().map(DemoMmsc.Notice::to).toList();
            // MM1: virus, file, banned words, flood-thresh-1, dupe-thresh-1; MM7: virus; MM3: banned words;
            // MM4: virus, flood-thresh-1. Plus the infected MM1 sender.
            assertThat(recipients).as(first.describe()).hasSize(10);
            assertThat(recipients).filteredOn(to -> to.startsWith(DemoProfile.ADMIN)).hasSize(9);
            assertThat(recipients).contains(infectedMm1Sender(first) + "/TYPE=PLMN");
            assertThat(first.notices()).filteredOn(n -> n.to().startsWith(DemoProfile.ADMIN))
                    .extracting(DemoMmsc.Notice::subject)
                    .containsExactlyInAnyOrder("mmsguard: virus on MM1", "mmsguard: file-block on MM1",
                            "mmsguard: bword on MM1", "mmsguard: flood on MM1", "mmsguard: dupe on MM1",
                            "mmsguard: virus on MM7", "mmsguard: bword on MM3", "mmsguard: virus on MM4",
                            "mmsguard: flood on MM4");
        }

        try (EmbeddedStack again = EmbeddedStack.start(settings)) {
            assertThat(again.schemaIds()).as("the registry kept its ids").isEqualTo(idsBefore);
            // The profile is not published again: the restarted services must find it in the compacted topic.
            Demo.Result second = DemoRuns.run(again, data, ports, false);
            assertJudgedExactly(second);
            // Every administrator stream was notified within its interval before the restart; this run's infected
            // sender is a new sender (per-run tag), so only that sender's own stream notifies at once.
            assertThat(second.notices()).extracting(DemoMmsc.Notice::to)
                    .containsExactly(infectedMm1Sender(second) + "/TYPE=PLMN");
        }
    }

    private static String infectedMm1Sender(Demo.Result result) {
        return result.lines().stream().filter(l -> l.mmsInterface() == MmsInterface.MM1 && l.kind() == Demo.Kind.VIRUS)
                .findFirst().orElseThrow().sender();
    }

    /** Which messages the profile blocks, and for what reason, by interface. */
    private static void assertJudgedExactly(Demo.Result result) {
        String table = result.describe();
        assertThat(result.complete()).as(table).isTrue();
        assertThat(result.lines()).as(table).hasSize(Demo.size());
        int mm1Flood = 0;
        int mm1Duplicate = 0;
        int mm4Flood = 0;
        for (Demo.Line l : result.lines()) {
            String expected = switch (l.kind()) {
                case CLEAN -> "PASS";
                case VIRUS -> "BLOCK VIRUS";
                case FILE -> "BLOCK FILE_FILTER";
                case SPAM -> "BLOCK BANNED_WORDS";
                case FLOOD -> (l.mmsInterface() == MmsInterface.MM1 ? ++mm1Flood <= DemoProfile.FLOOD_LIMIT
                        : ++mm4Flood <= DemoProfile.MM4_FLOOD_LIMIT) ? "PASS" : "BLOCK FLOOD";
                case DUPLICATE -> ++mm1Duplicate <= DemoProfile.DUPLICATE_LIMIT ? "PASS" : "BLOCK DUPLICATE";
            };
            assertThat(l.why()).as(table).startsWith(expected);
            assertThat(l.blocked()).as(table).isEqualTo(expected.startsWith("BLOCK"));
            assertThat(l.forwarded()).as("exactly the passed messages reached the MMSC\n" + table)
                    .isEqualTo(!l.blocked());
        }
        assertThat(result.blocked()).as(table).isEqualTo(8 + 1 + 1 + 3);
    }
}
