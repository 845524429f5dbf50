package io.mmsguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.schemas.Topics;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStackIntegrationTest {

    @Test
    void theDemoTrafficThroughTheMm1GatewayIsJudgedExactlyAndEverythingSurvivesARestart(@TempDir Path data) throws Exception {
        EmbeddedStack.Settings settings = new EmbeddedStack.Settings(data, FreePorts.next(), FreePorts.next(),
                FreePorts.next());
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
            InspectionDemo.publishProfile(stack.bootstrapServers(), stack.registryUrl());
            assertDemoJudgedExactly(stack, data);
        }

        try (EmbeddedStack again = EmbeddedStack.start(settings)) {
            assertThat(again.schemaIds()).as("the registry kept its ids").isEqualTo(idsBefore);
            // The profile is not published again: the restarted service must find it in the compacted topic.
            assertDemoJudgedExactly(again, data);
        }
    }

    private static void assertDemoJudgedExactly(EmbeddedStack stack, Path data) throws Exception {
        InspectionConfig config = InspectionConfig.from(Settings.of(Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(),
                "serde.schema.registry.url", stack.registryUrl(),
                "inspection.state-dir", data.resolve("streams").toString(),
                "inspection.http-port", "0",
                "kafka.replication.factor", "1")));
        try (InspectionService inspection = InspectionService.start(config);
             DemoMmsc mmsc = new DemoMmsc(0);
             GatewayService gateway = GatewayService.start(GatewayConfig.from(Settings.of(Map.of(
                     "kafka.bootstrap.servers", stack.bootstrapServers(),
                     "serde.schema.registry.url", stack.registryUrl(),
                     "gateway.http-port", "0",
                     "mm1.listen", "127.0.0.1:0",
                     "mm1.upstream", mmsc.mm1Uri().toString(),
                     "mm1.profile", InspectionDemo.PROFILE))))) {
            assertThat(inspection.awaitRunning(Duration.ofMinutes(2))).isTrue();
            InspectionDemo.Result result = InspectionDemo.run(
                    URI.create("http://127.0.0.1:" + gateway.port("mm1") + "/mms"), mmsc, Duration.ofMinutes(2));

            int blocked = 3 + (InspectionDemo.FLOOD_MESSAGES - InspectionDemo.FLOOD_LIMIT)
                    + (InspectionDemo.DUPLICATE_MESSAGES - InspectionDemo.DUPLICATE_LIMIT);
            int passed = 1 + InspectionDemo.FLOOD_LIMIT + InspectionDemo.DUPLICATE_LIMIT;
            assertThat(result.complete()).as(result.describe()).isTrue();
            assertThat(result.count(0x87)).as(result.describe()).isEqualTo(blocked);
            assertThat(result.count(0x80)).as(result.describe()).isEqualTo(passed);
            assertThat(result.lines()).as("exactly the accepted messages reached the MMSC")
                    .allSatisfy(l -> assertThat(l.forwarded()).isEqualTo(l.status() == 0x80));
            assertThat(result.lines().get(1).text()).contains("virus").contains("eicar.com");
            assertThat(result.lines().get(2).text()).contains("game.exe");
        }
    }
}
