package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.COMPOSE;
import static io.mmsguard.deploy.manifests.Manifests.integer;
import static io.mmsguard.deploy.manifests.Manifests.map;
import static io.mmsguard.deploy.manifests.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.mmsguard.deploy.TopicPlan;
import io.mmsguard.schemas.Topics;
import org.junit.jupiter.api.Test;

/**
 * The clustered topics (Strimzi KafkaTopics, the compose stack's kafka-topics.sh calls) are TopicPlan's topics with
 * TopicPlan's configs, three replicas and min.insync.replicas 2; the two agree on partition counts.
 */
class TopicManifestsTest {
    private static final String MIN_ISR = "min.insync.replicas";

    /** A clustered topic: partitions, replicas and every topic config. */
    record Clustered(int partitions, int replicas, Map<String, String> configs) {
    }

    static Map<String, Clustered> kafkaTopics() {
        Map<String, Clustered> out = new TreeMap<>();
        for (Map<String, Object> topic : Manifests.ofKind(Manifests.baseObjects(), "KafkaTopic")) {
            String name = String.valueOf(path(topic, "spec", "topicName") != null ? path(topic, "spec", "topicName")
                    : path(topic, "metadata", "name"));
            assertThat(path(topic, "metadata", "labels", "strimzi.io/cluster")).as(name + " cluster label")
                    .isEqualTo("mmsguard");
            Map<String, String> configs = new TreeMap<>();
            map(path(topic, "spec", "config")).forEach((k, v) -> configs.put(k, String.valueOf(v)));
            Clustered previous = out.put(name, new Clustered(integer(path(topic, "spec", "partitions")),
                    integer(path(topic, "spec", "replicas")), configs));
            assertThat(previous).as("KafkaTopic " + name + " twice").isNull();
        }
        return out;
    }

    static Map<String, Clustered> composeTopics() throws IOException {
        Pattern call = Pattern.compile("^create (.*)$", Pattern.MULTILINE);
        Pattern option = Pattern.compile("--(topic|partitions|config) (\\S+)");
        Map<String, Clustered> out = new TreeMap<>();
        String script = Files.readString(COMPOSE.resolve("create-topics.sh"));
        assertThat(script).contains("--replication-factor 3", "--config " + MIN_ISR + "=2");
        Matcher m = call.matcher(script);
        while (m.find()) {
            String topic = null;
            int partitions = 0;
            Map<String, String> configs = new TreeMap<>(Map.of(MIN_ISR, "2"));
            Matcher o = option.matcher(m.group(1));
            while (o.find()) {
                switch (o.group(1)) {
                    case "topic" -> topic = o.group(2);
                    case "partitions" -> partitions = Integer.parseInt(o.group(2));
                    default -> configs.put(o.group(2).substring(0, o.group(2).indexOf('=')),
                            withDefaults(o.group(2).substring(o.group(2).indexOf('=') + 1)));
                }
            }
            out.put(topic, new Clustered(partitions, 3, configs));
        }
        return out;
    }

    static Map<String, Map<String, String>> planWithMinIsr() {
        return TopicPlan.embedded().stream().collect(Collectors.toMap(TopicPlan.TopicSpec::name, t -> {
            Map<String, String> configs = new TreeMap<>(t.configs());
            configs.put(MIN_ISR, "2");
            return configs;
        }, (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void theKafkaTopicsAreTopicPlansTopicsWithItsConfigs() {
        Map<String, Clustered> topics = kafkaTopics();
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(planWithMinIsr().keySet());
        assertThat(configs(topics)).isEqualTo(planWithMinIsr());
        assertThat(topics.values()).allSatisfy(t -> assertThat(t.replicas()).isEqualTo(3));
    }

    @Test
    void theComposeTopicsAreTopicPlansTopicsWithItsConfigs() throws IOException {
        Map<String, Clustered> topics = composeTopics();
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(planWithMinIsr().keySet());
        assertThat(configs(topics)).isEqualTo(planWithMinIsr());
    }

    @Test
    void composeAndKubernetesAgreeOnPartitionsSizedForProduction() throws IOException {
        Map<String, Integer> k8s = partitions(kafkaTopics());
        assertThat(partitions(composeTopics())).isEqualTo(k8s);
        Map<String, Integer> embedded = TopicPlan.embedded().stream()
                .collect(Collectors.toMap(TopicPlan.TopicSpec::name, TopicPlan.TopicSpec::partitions));
        // Compacted GlobalKTable topics keep one partition; every other topic is at least the embedded size.
        k8s.forEach((topic, n) -> assertThat(n).as(topic).isGreaterThanOrEqualTo(embedded.get(topic)));
        assertThat(k8s.get(io.mmsguard.schemas.Topics.INBOUND)).isGreaterThanOrEqualTo(12);
    }

    /**
     * The sender stage reads mms.inbound and mms.state-resets in one task per partition number, and a sender reset
     * must land on the partition of the sender's envelopes: Kafka Streams does not check that for merged sources.
     */
    @Test
    void stateResetsAreCoPartitionedWithTheInboundTopicEverywhere() throws IOException {
        Map<String, Integer> embedded = TopicPlan.embedded().stream()
                .collect(Collectors.toMap(TopicPlan.TopicSpec::name, TopicPlan.TopicSpec::partitions));
        for (Map<String, Integer> plan : java.util.List.of(embedded, partitions(kafkaTopics()),
                partitions(composeTopics()))) {
            assertThat(plan.get(Topics.STATE_RESETS)).isEqualTo(plan.get(Topics.INBOUND));
        }
    }

    /** A shell value with {@code ${NAME:-default}} as the script runs it when the operator sets nothing. */
    private static String withDefaults(String value) {
        return DEFAULTED.matcher(value).replaceAll("$2");
    }

    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Z_]+):-([^}]*)}");

    @Test
    void theArchiveRetentionIsOneSettingWithTopicPlansDefaultWhereverTopicsAreCreated() throws IOException {
        String planned = TopicPlan.archiveRetentionMs(TopicPlan.embedded());
        assertThat(planned).isEqualTo(String.valueOf(Duration.ofDays(30).toMillis()));
        assertThat(kafkaTopics().get(Topics.ARCHIVE).configs()).containsEntry("retention.ms", planned);
        assertThat(composeTopics().get(Topics.ARCHIVE).configs()).containsEntry("retention.ms", planned);

        // compose: the operator's ARCHIVE_RETENTION_MS reaches the script, which applies it to an existing topic too.
        String script = Files.readString(COMPOSE.resolve("create-topics.sh"));
        Matcher uses = Pattern.compile("retention\\.ms=(\\$\\{ARCHIVE_RETENTION_MS:-(\\d+)})").matcher(script);
        int found = 0;
        while (uses.find()) {
            found++;
            assertThat(uses.group(2)).isEqualTo(planned);
        }
        assertThat(found).as("create and alter of mms.archive").isEqualTo(2);
        assertThat(script).contains("--alter --entity-type topics --entity-name mms.archive");
        assertThat(path(Manifests.document(COMPOSE.resolve("compose.yaml")), "services", "topics", "environment"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("ARCHIVE_RETENTION_MS", "${ARCHIVE_RETENTION_MS:-}");

        // embedded and test deployments: TopicPlan.embedded(retention).
        assertThat(TopicPlan.archiveRetentionMs(TopicPlan.embedded(Duration.ofDays(7)))).isEqualTo("604800000");
    }

    private static Map<String, Map<String, String>> configs(Map<String, Clustered> topics) {
        return topics.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().configs()));
    }

    private static Map<String, Integer> partitions(Map<String, Clustered> topics) {
        return topics.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions()));
    }

    static int decisionsPartitions() {
        return kafkaTopics().get(io.mmsguard.schemas.Topics.DECISIONS).partitions();
    }
}
