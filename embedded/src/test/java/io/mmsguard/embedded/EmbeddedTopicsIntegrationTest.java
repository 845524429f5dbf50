package io.mmsguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mmsguard.deploy.TopicPlan;
import io.mmsguard.schemas.Topics;
import io.mmsguard.testkit.EmbeddedKafka;
import io.mmsguard.testkit.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded mode's topic creation on a data directory of an older release: the missing topics are created from
 * TopicPlan, and an existing mms.inbound still on CreateTime gets LogAppendTime (session expiry is measured from
 * the broker's append time); its other settings are left as they are.
 */
class EmbeddedTopicsIntegrationTest {

    @Test
    void anExistingInboundTopicIsCorrectedToLogAppendTimeAndTheMissingTopicsAreCreated(@TempDir Path data)
            throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(data, "127.0.0.1", FreePorts.next(), FreePorts.next(), Map.of())
                .start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.INBOUND, 1, (short) 1)
                    .configs(Map.of(Topics.TIMESTAMP_TYPE, "CreateTime", "retention.ms", "1000000"))))
                    .all().get(30, TimeUnit.SECONDS);

            EmbeddedStack.createMissingTopics(kafka.bootstrapServers(), TopicPlan.embedded());

            ConfigResource inbound = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INBOUND);
            // The controller has committed the change; the broker answering describeConfigs applies it shortly after.
            Config config = await("mms.inbound on LogAppendTime").atMost(Duration.ofSeconds(30))
                    .until(() -> admin.describeConfigs(List.of(inbound)).all().get(30, TimeUnit.SECONDS).get(inbound),
                            c -> "LogAppendTime".equals(c.get(Topics.TIMESTAMP_TYPE).value()));
            assertThat(config.get("retention.ms").value()).as("left as it was").isEqualTo("1000000");
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .containsAll(TopicPlan.embedded().stream().map(TopicPlan.TopicSpec::name).toList());
        }
    }

    @Test
    void theOperatorsArchiveRetentionIsAppliedToAnExistingArchive(@TempDir Path data) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(data, "127.0.0.1", FreePorts.next(), FreePorts.next(), Map.of())
                .start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.ARCHIVE, 1, (short) 1)
                    .configs(Map.of("retention.ms", "7776000000")))).all().get(30, TimeUnit.SECONDS);

            EmbeddedStack.createMissingTopics(kafka.bootstrapServers(), TopicPlan.embedded(Duration.ofDays(7)));

            ConfigResource archive = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ARCHIVE);
            await("mms.archive retention 7 days").atMost(Duration.ofSeconds(30))
                    .until(() -> admin.describeConfigs(List.of(archive)).all().get(30, TimeUnit.SECONDS).get(archive),
                            c -> "604800000".equals(c.get("retention.ms").value()));
        }
    }
}
