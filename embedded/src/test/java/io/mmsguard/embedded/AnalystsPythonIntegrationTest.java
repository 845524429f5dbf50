package io.mmsguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.deploy.cli.Author;
import io.mmsguard.deploy.cli.ConfigTopicNames;
import io.mmsguard.deploy.cli.ConfigTransaction;
import io.mmsguard.deploy.cli.Connection;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmsguard.schemas.Topics;
import io.mmsguard.testkit.FreePorts;
import io.mmsguard.testkit.python.ConfluentPython;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analyst's Python, as docs/analytics.md writes it, against the topics the demo traffic filled through the
 * whole embedded stack: Debian's python3-confluent-kafka with DeserializingConsumer, a UTF-8 string key
 * deserializer and the registry's Avro for values. It reads every committed record of every Avro topic the demo
 * writes (the same partitions, offsets and keys a Java consumer reads), each key is what docs/analytics.md's table
 * says it is, and the legacy AvroConsumer, which decodes keys as Avro, fails with "magic byte" as documented.
 */
class AnalystsPythonIntegrationTest {
    private static final Path SCRIPT = Paths.get("src", "test", "python", "analysts_read.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per topic, the key docs/analytics.md names, computed from the record's value as the analyst reads it. */
    private static final Map<String, Function<JsonNode, String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put(Topics.INBOUND, v -> v.path("sender").asText());
        KEYS.put(Topics.DECISIONS, v -> v.path("sessionId").asText());
        KEYS.put(Topics.INSPECTION_LOG, v -> v.path("sender").asText());
        KEYS.put(Topics.ARCHIVE, v -> v.path("sender").asText());
        KEYS.put(Topics.ALERTS, v -> v.path("profile").asText() + "/" + v.path("mmsInterface").asText() + "/"
                + v.path("type").asText());
        KEYS.put(Topics.PROFILES, v -> v.path("name").asText());
        KEYS.put(Topics.CONFIG_AUDIT, v -> v.path("kind").asText() + "/" + v.path("name").asText());
    }

    @Test
    void anAnalystsPythonReadsEveryRecordWithStringKeysAndRegistryAvroValues(@TempDir Path data) throws Exception {
        ConfluentPython python = ConfluentPython.require();
        EmbeddedStack.Settings settings = new EmbeddedStack.Settings(data, FreePorts.next(), FreePorts.next(),
                FreePorts.next());
        EmbeddedServices.Ports ports = new EmbeddedServices.Ports(0, 0, 0, 0, 0, 0, 0, FreePorts.next());
        try (EmbeddedStack stack = EmbeddedStack.start(settings)) {
            archiveEverySummary(stack);
            Demo.Result demo = DemoRuns.run(stack, data, ports, true);
            assertThat(demo.complete()).as(demo.describe()).isTrue();
            List<String> topics = new ArrayList<>(KEYS.keySet());

            ConfluentPython.Result read = python.runScript(SCRIPT, args("read", topics, stack), 180);
            assertThat(read.exitCode()).as(read.stderr()).isZero();
            Map<String, String> pythonKeys = new HashMap<>();
            Map<String, Integer> perTopic = new HashMap<>();
            for (String line : read.stdout().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode r = JSON.readTree(line);
                String topic = r.path("topic").asText();
                String key = r.path("key").asText();
                assertThat(key).as("%s key, value %s", topic, r.path("value")).isEqualTo(
                        KEYS.get(topic).apply(r.path("value")));
                pythonKeys.put(topic + "-" + r.path("partition").asInt() + "@" + r.path("offset").asLong(), key);
                perTopic.merge(topic, 1, Integer::sum);
            }
            assertThat(perTopic.keySet()).as("every topic the demo writes has records").containsExactlyInAnyOrderElementsOf(
                    topics);
            assertThat(pythonKeys).as("the records a Java consumer reads").isEqualTo(committedKeys(stack, topics));

            ConfluentPython.Result legacy = python.runScript(SCRIPT, args("legacy", List.of(Topics.DECISIONS), stack),
                    120);
            assertThat(legacy.exitCode()).as(legacy.stderr()).isZero();
            assertThat(legacy.stdout()).contains("message does not start with magic byte");
        }
    }

    /**
     * The demo profile with a summary of every message archived (the stock one archives nothing), applied as an
     * operator's change before the services start, so {@code up} keeps it. Its notices go nowhere: not asserted here.
     */
    private static void archiveEverySummary(EmbeddedStack stack) {
        MmsProfile.Builder p = MmsProfile.newBuilder(DemoProfile.profile(URI.create("http://127.0.0.1:9/notices")));
        p.getMm1Builder().setArchive(ArchiveMode.SUMMARY);
        p.getMm3Builder().setArchive(ArchiveMode.SUMMARY);
        p.getMm4Builder().setArchive(ArchiveMode.SUMMARY);
        p.getMm7Builder().setArchive(ArchiveMode.SUMMARY);
        Connection c = new Connection(Map.of("bootstrap.servers", stack.bootstrapServers()),
                Map.of("schema.registry.url", stack.registryUrl()));
        new ConfigTransaction(c, ConfigTopicNames.defaults(), new Author("analyst test", "test"), Clock.systemUTC())
                .publish(p.build(), false, "archive a summary of every message");
    }

    private static List<String> args(String command, List<String> topics, EmbeddedStack stack) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(topics);
        args.addAll(List.of("--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl()));
        return args;
    }

    /** Every committed record of the topics as {@code topic-partition@offset} to its key, read by Java. */
    private static Map<String, String> committedKeys(EmbeddedStack stack, List<String> topics) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, String> keys = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            Set<TopicPartition> partitions = new TreeSet<>(java.util.Comparator.comparing(TopicPartition::toString));
            topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(
                    new TopicPartition(t, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    keys.put(r.topic() + "-" + r.partition() + "@" + r.offset(), r.key());
                }
            }
        }
        return keys;
    }
}
