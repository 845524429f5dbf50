package io.mmsguard.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink SQL over what the inspection topology archived on a real broker: {@code mmsguard up} (Kafka, the Apicurio
 * registry, the inspection service) runs as a child JVM, the test publishes a profile that archives every MM1
 * message and sends envelopes over three hours of receipt time (viruses from several senders, a banned file,
 * banned words, a flood, a duplicate campaign), waits until the topology has committed one archive and one
 * inspection-log record for each, and then runs the queries of docs/analytics.md on Flink's MiniCluster in batch
 * mode, each result compared exactly with what was sent.
 */
class ArchiveSqlIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant H0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant H1 = H0.plus(Duration.ofHours(1));
    private static final Instant H2 = H0.plus(Duration.ofHours(2));

    @TempDir
    static Path dir;

    private static EmbeddedUp up;
    private static FlinkSessionCluster cluster;
    private static ArchiveTraffic traffic;
    private static TableEnvironment flink;
    private static KafkaConnection source;

    @BeforeAll
    static void setUp() throws Exception {
        up = EmbeddedUp.start(dir);
        ProfilePublisher.publish(up.bootstrapServers(), up.registryUrl(), Topics.PROFILES, ArchiveTraffic.profile());
        String[] status = {""};
        try {
            await().atMost(HANG_GUARD).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> JSON.readTree(status[0] = up.inspectionGet("/status/profiles"))
                            .path(ArchiveTraffic.PROFILE).asText().equals("applied"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("profile " + ArchiveTraffic.PROFILE + " not applied: " + status[0] + "\n"
                    + up.logTail(40), e);
        }

        traffic = new ArchiveTraffic()
                .clean("+4917100001", H0.plusSeconds(60))
                .virus("+4917200001", H0.plusSeconds(120))
                .executable("+4917300001", H0.plusSeconds(180))
                .virus("+4917200002", H0.plusSeconds(240))
                .virus("+4917200001", H0.plusSeconds(300))
                .executable("+4917300002", H0.plusSeconds(360))
                .clean("+4917100002", H0.plusSeconds(420))
                .virus("+4917200003", H1.plusSeconds(60))
                .bannedWords("+4917400001", H1.plusSeconds(120))
                .flood("+4917500001", H1.plusSeconds(600), ArchiveTraffic.FLOOD_LIMIT + 3)
                .virus("+4917200001", H1.plusSeconds(1200))
                .bannedWords("+4917400002", H1.plusSeconds(1800))
                .campaign("1", H2.plusSeconds(300), ArchiveTraffic.DUPLICATE_LIMIT + 6)
                .virus("+4917200002", H2.plusSeconds(1500))
                .clean("+4917100003", H2.plusSeconds(3000));
        send(traffic.envelopes());
        int n = traffic.envelopes().size();
        awaitCommitted(Topics.ARCHIVE, n);
        awaitCommitted(Topics.INSPECTION_LOG, n);

        source = new KafkaConnection(up.bootstrapServers(), up.registryUrl());
        cluster = FlinkSessionCluster.start();
        flink = cluster.batchEnvironment();
        SchemaRegistryClient registry = SchemaRegistryClient.create(Map.of("schema.registry.url", up.registryUrl()));
        for (TopicTable table : List.of(TopicTable.ARCHIVE, TopicTable.INSPECTION_LOG)) {
            // As an analyst does: the reader schema is the subject's latest version in the registry.
            flink.executeSql(table.createTable(registry.latest(table.subject()).schema().toString(), source));
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (up != null) {
            up.close();
        }
    }

    private static void send(List<MmsEnvelope> envelopes) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, up.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        ContractTopics contracts = ContractTopics.create(Map.of("schema.registry.url", up.registryUrl(),
                "auto.register.schemas", false));
        // Key = sender, as the gateways write; in receipt order, which is the order of each sender's partition.
        try (KafkaProducer<String, MmsEnvelope> producer = new KafkaProducer<>(p, new StringSerializer(),
                contracts.topic(Contracts.INBOUND).valueSerde().serializer())) {
            for (MmsEnvelope e : envelopes) {
                producer.send(new ProducerRecord<>(Topics.INBOUND, e.getSender(), e)).get();
            }
        }
    }

    /** Waits until {@code topic} holds {@code count} committed records (the topology writes exactly once). */
    private static void awaitCommitted(String topic, int count) {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, up.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int[] seen = {0};
            await(count + " committed records on " + topic).atMost(HANG_GUARD).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        seen[0] += consumer.poll(Duration.ofMillis(200)).count();
                        return seen[0] >= count;
                    });
            assertThat(seen[0]).as("records on " + topic + "\n" + up.logTail(20)).isEqualTo(count);
        }
    }

    private static List<Row> query(String sql) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = flink.executeSql(sql).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void blockedMessagesPerHourAndReason() throws Exception {
        List<Row> rows = query(ArchiveQuery.BLOCKED_PER_HOUR_AND_REASON.sql());

        Map<LocalDateTime, Map<String, Long>> got = new TreeMap<>();
        for (Row r : rows) {
            got.computeIfAbsent((LocalDateTime) r.getField("hour"), h -> new TreeMap<>())
                    .put((String) r.getField("reason"), (Long) r.getField("blocked"));
        }
        assertThat(got).isEqualTo(traffic.blockedPerHourAndReason()).hasSize(3);
        System.out.println(table(rows));
    }

    @Test
    void topSendersByVirus() throws Exception {
        List<Row> rows = query(ArchiveQuery.TOP_VIRUS_SENDERS.sql());

        Map<String, Long> expected = traffic.virusesPerSender();
        assertThat(rows).extracting(r -> r.getField("sender"), r -> r.getField("viruses"))
                .containsExactlyElementsOf(expected.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue())).toList());
        assertThat(expected.values()).as("several senders, several counts").hasSizeGreaterThan(2).doesNotHaveDuplicates();
        System.out.println(table(rows));
    }

    @Test
    void theCampaignsRecipients() throws Exception {
        List<Row> rows = query(ArchiveQuery.CAMPAIGN_RECIPIENTS.sql());

        ArchiveTraffic.Campaign campaign = traffic.campaigns().get(0);
        assertThat(rows).extracting(r -> (String) r.getField("recipient"))
                .containsExactlyElementsOf(campaign.recipients().stream().sorted().toList());
        assertThat(rows).extracting(r -> (String) r.getField("campaign")).containsOnly(campaign.checksum12());
        Map<String, Long> verdicts = rows.stream().collect(Collectors.groupingBy(r -> (String) r.getField("verdict"),
                TreeMap::new, Collectors.counting()));
        // two recipients per copy: the copies up to the limit passed, the rest were blocked
        assertThat(verdicts).isEqualTo(Map.of("PASS", 2L * ArchiveTraffic.DUPLICATE_LIMIT,
                "BLOCK", 2L * (campaign.sessions().size() - ArchiveTraffic.DUPLICATE_LIMIT)));
        assertThat(rows).allSatisfy(r -> assertThat(campaign.sender(
                (String) r.getField("recipient"))).isEqualTo(r.getField("sender")));
        System.out.println(table(rows));
    }

    @Test
    void theInspectionLogHasEveryVerdict() throws Exception {
        List<Row> rows = query("SELECT verdict, COUNT(*) AS messages FROM inspection_log GROUP BY verdict");

        assertThat(rows.stream().collect(Collectors.toMap(r -> (String) r.getField("verdict"),
                r -> (Long) r.getField("messages")))).isEqualTo(traffic.verdicts());
    }

    @Test
    void timestampsAreTheInstantsSentInAnySessionZone() throws Exception {
        flink.getConfig().set("table.local-time-zone", "Asia/Kolkata");
        try {
            List<Row> rows = query("SELECT sessionId, receivedAtLtz, receivedAt, messageId, subject FROM archive");

            Map<String, MmsEnvelope> sent = traffic.envelopes().stream()
                    .collect(Collectors.toMap(MmsEnvelope::getSessionId, e -> e));
            assertThat(rows).hasSize(sent.size()).allSatisfy(r -> {
                MmsEnvelope e = sent.get((String) r.getField("sessionId"));
                assertThat(r.getField("receivedAtLtz")).isEqualTo(e.getReceivedAt());
                assertThat(r.getField("receivedAt"))
                        .isEqualTo(LocalDateTime.ofInstant(e.getReceivedAt(), java.time.ZoneOffset.UTC));
                assertThat(r.getField("messageId")).isEqualTo(e.getMessageId());
                assertThat(r.getField("subject")).isEqualTo(e.getSubject());
            });
        } finally {
            flink.getConfig().set("table.local-time-zone", "UTC");
        }
    }

    @Test
    void aQueryWritesNothing() throws Exception {
        Snapshot before = Snapshot.take(up.bootstrapServers(), up.registryUrl());
        assertThat(query("SELECT COUNT(*) AS n FROM archive").get(0).getField("n"))
                .isEqualTo((long) traffic.envelopes().size());
        Snapshot after = Snapshot.take(up.bootstrapServers(), up.registryUrl());

        assertThat(after).isEqualTo(before);
    }

    /** Topics with their end offsets, consumer groups and registry subjects: what a writer would change. */
    private record Snapshot(Map<String, Long> endOffsets, Set<String> groups, Map<String, List<Integer>> subjects) {
        static Snapshot take(String bootstrap, String registryUrl) throws Exception {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                        .filter(t -> t.startsWith("mms.")).collect(Collectors.toCollection(java.util.TreeSet::new));
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((t, d) ->
                        d.partitions().forEach(p -> latest.put(new TopicPartition(t, p.partition()), OffsetSpec.latest())));
                Map<String, Long> ends = new TreeMap<>();
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                        .forEach((tp, o) -> ends.put(tp.toString(), o.offset()));
                Set<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                        .map(g -> g.groupId()).collect(Collectors.toCollection(java.util.TreeSet::new));
                SchemaRegistryClient registry = SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl));
                Map<String, List<Integer>> subjects = new TreeMap<>();
                registry.subjects().forEach(s -> subjects.put(s, registry.versions(s)));
                return new Snapshot(ends, groups, subjects);
            }
        }
    }

    /** Rows as a Markdown table: printed by each query's test, the output docs/analytics.md shows. */
    private static String table(List<Row> rows) {
        if (rows.isEmpty()) {
            return "(no rows)";
        }
        List<String> names = new ArrayList<>(rows.get(0).getFieldNames(true));
        StringBuilder b = new StringBuilder("| " + String.join(" | ", names) + " |\n|"
                + " --- |".repeat(names.size()) + "\n");
        for (Row r : rows) {
            b.append("| ").append(names.stream().map(n -> String.valueOf(r.getField(n)))
                    .collect(Collectors.joining(" | "))).append(" |\n");
        }
        return b.toString();
    }
}
