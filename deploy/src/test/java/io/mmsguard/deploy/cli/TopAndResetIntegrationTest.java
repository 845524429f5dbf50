package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.StateReset;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.deploy.TopicPlan;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitors and the reset as an operator uses them, on a real broker, registry and inspection service: a sender
 * flooded until blocked is first in {@code mmsguard top flood} with its count, {@code mmsguard reset SENDER} writes
 * the audited reset to mms.state-resets, and the sender's next message passes at once (its block had an hour left).
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class TopAndResetIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);
    private static final String TOKEN = "top-and-reset-admin-token-0123456789";
    private static final String FLOODER = "+491701111111";
    private static final String OTHER = "+491702222222";
    private static final String PROFILE = "flood";
    /** Four per hour pass; the fifth blocks the sender for 60 minutes. */
    private static final int LIMIT = 4;

    @TempDir
    static Path dir;
    private static String prefix;
    private static String bootstrap;
    private static String registryUrl;
    private static Path tokenFile;
    private static InspectionService service;
    private static KafkaProducer<String, MmsEnvelope> envelopes;
    private static int session;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        bootstrap = kafka.bootstrapServers();
        registryUrl = registry.url();
        prefix = "it-reset-" + UUID.randomUUID().toString().substring(0, 8);
        // The topic plan as deployments create it: mms.state-resets co-partitioned with mms.inbound.
        kafka.admin().createTopics(TopicPlan.embedded().stream()
                .map(t -> new NewTopic(topic(t.name()), t.partitions(), (short) 1).configs(t.configs()))
                .toList()).all().get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        ProfilePublisher.publish(bootstrap, registryUrl, topic("mms.profiles"), MmsProfile.newBuilder().setName(PROFILE)
                .setMm1(InterfaceSettings.newBuilder().setFlood(List.of(Threshold.newBuilder().setEnabled(true)
                        .setWindowMinutes(60).setLimit(LIMIT).setBlockTimeMinutes(60)
                        .setActions(List.of(ThresholdAction.BLOCK)).build())).build()).build());
        tokenFile = Files.writeString(dir.resolve("admin-token"), TOKEN + "\n");

        service = InspectionOnBroker.start(bootstrap, registryUrl, prefix, dir.resolve("state"),
                Map.of("admin.token", TOKEN));

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        envelopes = new KafkaProducer<>(p, new StringSerializer(), ContractTopics.create(Map.of(
                "schema.registry.url", registryUrl)).topic(Contracts.INBOUND, topic("mms.inbound"))
                .valueSerde().serializer());
    }

    @AfterAll
    static void tearDown() {
        if (envelopes != null) {
            envelopes.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aFloodedSenderIsFirstInTopAndPassesAtOnceAfterAReset() throws Exception {
        List<String> flooder = new ArrayList<>();
        for (int i = 0; i < LIMIT + 2; i++) {
            flooder.add(send(FLOODER));
        }
        send(OTHER);
        send(OTHER);
        Map<String, Decision> decided = decisions(flooder);
        assertThat(flooder.stream().map(id -> decided.get(id).getVerdict()).toList())
                .as("four pass, then the sender is blocked").containsExactly(Verdict.PASS, Verdict.PASS, Verdict.PASS,
                        Verdict.PASS, Verdict.BLOCK, Verdict.BLOCK);

        // No --profile: the service names the profile in force whose thresholds count on MM1 (not "default",
        // which has none here and would show no key at all).
        Cli top = await("both senders counted").atMost(HANG_GUARD).until(() -> cli("top", "flood"),
                r -> r.out().contains(OTHER));
        assertThat(top.exit()).as(top.err()).isZero();
        List<String> rows = top.out().lines().toList();
        assertThat(rows.get(0)).startsWith("top flood on MM1, profile flood, at ").endsWith(": 2 key(s) (limit 10)");
        assertThat(rows.get(1)).startsWith("RANK KEY").contains("COUNT", "BLOCKED", "BLOCKED UNTIL", "THRESHOLDS");
        assertThat(rows.get(2).split(" +")).startsWith("1", FLOODER, "6", "yes");
        assertThat(rows.get(2)).contains("#1 6/4 per 60 min!");
        assertThat(rows.get(3).split(" +")).startsWith("2", OTHER, "2", "no", "-", "127.0.0.1:" + service.httpPort(),
                "#1", "2/4");
        assertThat(rows).hasSize(4);

        Cli reset = cli("reset", FLOODER, "--author", "alice", "--reason", "ticket 4711",
                "--bootstrap-servers", bootstrap, "--registry-url", registryUrl, "--resets-topic",
                topic("mms.state-resets"));
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(reset.out()).startsWith("reset of the flood state of " + FLOODER + " on every interface written to "
                + topic("mms.state-resets") + " (partition ").contains("by alice");

        // Applied by the topology: the flooder is gone from the monitor, the other sender untouched.
        Cli after = await("reset applied").atMost(HANG_GUARD).until(() -> cli("top", "flood", "--profile", PROFILE),
                r -> !r.out().contains(FLOODER));
        assertThat(after.out()).contains(OTHER);
        String next = send(FLOODER);
        Decision passed = decisions(List.of(next)).get(next);
        assertThat(passed.getVerdict()).as("the block had an hour left").isEqualTo(Verdict.PASS);
        assertThat(passed.getReason()).isEqualTo(Reason.NONE);

        StateReset audit = resetRecord();
        assertThat(audit.getKind()).isEqualTo(ThresholdKind.FLOOD);
        assertThat(audit.getKey()).isEqualTo(FLOODER);
        assertThat(audit.getMmsInterface()).isNull();
        assertThat(audit.getAuthor()).isEqualTo("alice");
        assertThat(audit.getReason()).isEqualTo("ticket 4711");
    }

    @Test
    void topWithoutTheTokenIsRefusedAndABadLimitIsAUsageError() {
        Cli refused = Cli.run("top", "flood", "--inspection-url", "http://127.0.0.1:" + service.httpPort());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("HTTP 401");
        Cli badLimit = cli("top", "duplicate", "--limit", "1001");
        assertThat(badLimit.exit()).isEqualTo(2);
        assertThat(badLimit.err()).contains("--limit must be 1-1000, not 1001");
        Cli unknown = cli("top", "flood", "--profile", "nosuchprofile");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("nosuchprofile").contains(PROFILE);
    }

    private static Cli cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (args[0].equals("top")) {
            all.addAll(List.of("--inspection-url", "http://127.0.0.1:" + service.httpPort(), "--token-file",
                    tokenFile.toString()));
        }
        return Cli.run(all.toArray(String[]::new));
    }

    /** {@code mms.inbound} is {@code <prefix>.inbound}, as {@link InspectionOnBroker} names the service's topics. */
    private static String topic(String name) {
        return prefix + "." + name.substring(name.indexOf('.') + 1);
    }

    private static String send(String sender) throws Exception {
        String id = prefix + "-s" + (++session);
        MmsEnvelope envelope = InspectionOnBroker.textEnvelope(id, sender, PROFILE, "hello " + session);
        envelopes.send(new ProducerRecord<>(topic("mms.inbound"), sender, envelope)).get();
        return id;
    }

    /** The committed decisions of these sessions, read from the beginning until every one is there. */
    private static Map<String, Decision> decisions(List<String> sessions) {
        Map<String, Decision> seen = new HashMap<>();
        try (KafkaConsumer<String, Decision> consumer = consumer(Contracts.DECISIONS, "mms.decisions")) {
            assign(consumer, topic("mms.decisions"));
            await("decisions of " + sessions).atMost(HANG_GUARD).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.put(r.key(), r.value()));
                return seen.keySet().containsAll(sessions);
            });
        }
        return seen;
    }

    private static StateReset resetRecord() {
        List<StateReset> seen = new ArrayList<>();
        try (KafkaConsumer<String, StateReset> consumer = consumer(Contracts.STATE_RESETS, "mms.state-resets")) {
            assign(consumer, topic("mms.state-resets"));
            await("the reset record").atMost(HANG_GUARD).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
                return !seen.isEmpty();
            });
        }
        assertThat(seen).hasSize(1);
        return seen.get(0);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> KafkaConsumer<String, T> consumer(
            io.mmsguard.schemas.Contract<T> contract, String name) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var t = ContractTopics.create(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true))
                .topic(contract, topic(name));
        return new KafkaConsumer<>(c, t.keySerde().deserializer(), t.valueSerde().deserializer());
    }

    private static void assign(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }
}
