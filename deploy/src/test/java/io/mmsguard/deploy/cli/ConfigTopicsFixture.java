package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mmsguard.deploy.TopicPlan;
import io.mmsguard.schemas.Topics;
import io.mmsguard.testkit.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A test's own copy of every topic of TopicPlan on the shared broker (with the plan's configs, one partition, names
 * under a random prefix), and {@code mmsguard config} command lines that name them.
 */
record ConfigTopicsFixture(KafkaTestCluster kafka, String registryUrl, String prefix, ConfigTopicNames names) {

    static ConfigTopicsFixture create(KafkaTestCluster kafka, String registryUrl) throws Exception {
        String prefix = "cli-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        try (Admin admin = kafka.admin()) {
            admin.createTopics(TopicPlan.embedded().stream()
                    .map(t -> new NewTopic(prefix + t.name(), 1, (short) 1).configs(t.configs())).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
        return new ConfigTopicsFixture(kafka, registryUrl, prefix, new ConfigTopicNames(prefix + Topics.PROFILES,
                prefix + Topics.ENDPOINT_LISTS, prefix + Topics.CONFIG_AUDIT, prefix + Topics.CONFIG_STATUS));
    }

    /** This test's name of a topic of the plan. */
    String topic(String planned) {
        return prefix + planned;
    }

    Connection connection() {
        return new Connection(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                Map.of("schema.registry.url", registryUrl));
    }

    /** {@code mmsguard config ARGS} with this broker, registry and these topics. */
    Cli config(String... args) {
        return Cli.run(args(args));
    }

    String[] args(String... args) {
        List<String> all = new ArrayList<>(List.of("config"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--registry-url", registryUrl,
                "--profiles-topic", names.profiles(), "--endpoint-lists-topic", names.endpointLists(),
                "--audit-topic", names.audit(), "--status-topic", names.status()));
        return all.toArray(String[]::new);
    }
}
