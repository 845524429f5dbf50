package io.mmsguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mmsguard.schemas.Topics;
import io.mmsguard.testkit.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStackIntegrationTest {

    @Test
    void startsRoundTripsAndKeepsTopicsRecordsAndSchemaIdsAcrossARestart(@TempDir Path data) throws Exception {
        EmbeddedStack.Settings settings = new EmbeddedStack.Settings(data, FreePorts.next(), FreePorts.next(), FreePorts.next());
        Map<String, Integer> idsBefore;
        try (EmbeddedStack stack = EmbeddedStack.start(settings)) {
            idsBefore = stack.schemaIds();
            assertThat(idsBefore).containsOnlyKeys(TopicPlan.embedded().stream().map(t -> t.name() + "-value").toArray(String[]::new));

            RoundTripCheck.Result first = RoundTripCheck.run(stack.bootstrapServers(), stack.registryUrl());
            assertThat(first.ok()).as(first.describe()).isTrue();

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .containsAll(TopicPlan.embedded().stream().map(TopicPlan.TopicSpec::name).toList());
                ConfigResource profiles = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PROFILES);
                Config config = admin.describeConfigs(List.of(profiles)).all().get(30, TimeUnit.SECONDS).get(profiles);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            }
        }

        try (EmbeddedStack again = EmbeddedStack.start(settings)) {
            assertThat(again.schemaIds()).as("the registry kept its ids").isEqualTo(idsBefore);
            RoundTripCheck.Result second = RoundTripCheck.run(again.bootstrapServers(), again.registryUrl());
            assertThat(second.ok()).as(second.describe()).isTrue();
            assertThat(second.description()).as("the first record is still in the log").contains("@1,");
        }
    }
}
