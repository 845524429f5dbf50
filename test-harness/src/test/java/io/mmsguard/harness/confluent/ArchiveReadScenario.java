package io.mmsguard.harness.confluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.harness.Deployment;
import io.mmsguard.harness.DeploymentNodes;
import io.mmsguard.harness.HarnessProfiles;
import io.mmsguard.harness.ProjectTopics;
import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Answers;
import io.mmsguard.harness.load.Iface;
import io.mmsguard.harness.load.LoadDriver;
import io.mmsguard.harness.load.LoadPlan;
import io.mmsguard.schemas.Topics;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MM1 messages through a deployment whose profile archives a summary of every message, then mms.archive read as
 * an analyst's Java consumer with Confluent's deserialization reads it ({@link ConfluentSchemas}): string keys,
 * values in Confluent's wire format whose writer schema Confluent's registry client resolves from the deployment's
 * registry. Every decided message is archived once, with its verdict, keyed by its sender, written with this build's
 * ArchiveRecord schema. Shared by the process path (the harness's Apicurio, through its Confluent-compatible API)
 * and the container tier (the services from the image, Confluent Schema Registry in a container).
 */
final class ArchiveReadScenario {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveReadScenario.class);
    private static final int MESSAGES = 12;
    private static final int EICAR_EVERY = 4;
    private static final Duration ARCHIVED_WITHIN = Duration.ofMinutes(2);

    private ArchiveReadScenario() {
    }

    /** 1 broker, 1 inspection instance (built-in engine), 1 gateway; the profile archives every MM1 message. */
    static Deployment.Builder shape(Path dir) {
        return Deployment.builder(dir).brokers(1).inspections(1).gateways(1).notifier(false)
                .topics(ProjectTopics.plan()).profiles(stub -> HarnessProfiles.archiveEveryMm1Summary());
    }

    static void run(DeploymentNodes deployment) throws Exception {
        Answers answers;
        try (LoadDriver driver = new LoadDriver(deployment.endpoints(), deployment.mmsc(), Duration.ofSeconds(30), 4)) {
            answers = driver.run(LoadPlan.builder().runId("archive").senders(3, "+4917788").messages(MESSAGES, Iface.MM1)
                    .eicarEvery(EICAR_EVERY).build());
        }
        assertThat(answers.all()).as("every session decided").allSatisfy(a -> assertThat(a.kind())
                .as("%s %s", a.transactionId(), a.detail()).isIn(AnswerKind.OK, AnswerKind.BLOCKED));
        assertThat(answers.all()).as("EICAR blocked").filteredOn(a -> a.message().eicar()).isNotEmpty()
                .allSatisfy(a -> assertThat(a.kind()).isEqualTo(AnswerKind.BLOCKED));

        List<ConsumerRecord<String, byte[]>> archived = readArchive(deployment.bootstrapServers(), answers.size());
        try (ConfluentSchemas confluent = new ConfluentSchemas(deployment.registryUrl())) {
            Set<Integer> ids = archived.stream().map(r -> ConfluentSchemas.schemaId(r.value()))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(ids).as("writer schema ids of the archive records").hasSize(1);
            assertThat(confluent.writerSchema(ids.iterator().next())).as("the writer schema Confluent's client resolves")
                    .isEqualTo(ArchiveRecord.getClassSchema());
            List<GenericRecord> values = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : archived) {
                GenericRecord v = confluent.decode(r.value());
                assertThat(r.key()).as("key of %s (docs/analytics.md: the sender)", v.get("transactionId"))
                        .isEqualTo(String.valueOf(v.get("sender")));
                values.add(v);
            }
            Map<String, String> verdicts = values.stream().collect(Collectors.toMap(
                    v -> String.valueOf(v.get("transactionId")), v -> String.valueOf(v.get("verdict"))));
            assertThat(values).as("archive records: one per session").hasSize(answers.size());
            assertThat(verdicts).as("archived verdicts by transaction id").isEqualTo(answers.all().stream().collect(
                    Collectors.toMap(Answer::transactionId, a -> a.kind() == AnswerKind.OK ? "PASS" : "BLOCK")));
            assertThat(values).allSatisfy(v -> assertThat(String.valueOf(v.get("kind"))).isEqualTo("SUMMARY"));
            LOG.info("{} archive records read with Confluent's registry client from {}: {}", values.size(),
                    deployment.registryUrl(), verdicts);
        }
    }

    /** Every committed mms.archive record, once at least {@code expected} are there (bounded wait). */
    private static List<ConsumerRecord<String, byte[]>> readArchive(String bootstrap, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ARCHIVE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await("mms.archive holding " + expected + " records").atMost(ARCHIVED_WITHIN).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= expected;
            });
            // Anything written twice would follow right behind: read on to the end as it is now.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
