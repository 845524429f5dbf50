package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Transport;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import io.mmsguard.testkit.python.PythonScript;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inspection service with an archive key on a real broker and registry: the archive record it writes carries no
 * content in the clear (read raw from the topic), {@code archive query} with the key prints the original content and
 * audits the read, without the key it says the content is encrypted, and an analyst's Python snippet decrypts it.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ArchiveEncryptionIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);
    private static final String SUBJECT = "Dinner at Mario's?";
    private static final String TEXT = "My new PIN is 4711, don't tell anyone";
    private static final String FILENAME = "secret-note.txt";
    private static final String SENDER = "+491701234567";

    @TempDir
    static Path dir;
    private static String bootstrap;
    private static String registryUrl;
    private static String archiveTopic;
    private static Path keyFile;
    private static InspectionService service;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        bootstrap = kafka.bootstrapServers();
        registryUrl = registry.url();
        String prefix = "it-archive-" + UUID.randomUUID().toString().substring(0, 8);
        archiveTopic = prefix + ".archive";
        List<NewTopic> topics = new ArrayList<>();
        for (String t : InspectionSettings.TOPICS) {
            NewTopic topic = new NewTopic(prefix + "." + t, 1, (short) 1);
            topics.add(t.equals("inbound") ? topic.configs(Topics.inboundTopicConfigs()) : topic);
        }
        kafka.admin().createTopics(topics).all().get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        keyFile = Files.writeString(dir.resolve("archive-keys"), "# old key first, then the current one\n"
                + "k2024:" + Base64.getEncoder().encodeToString(key(1)) + "\n"
                + "k2026:" + Base64.getEncoder().encodeToString(key(2)) + "\n");
        ProfilePublisher.publish(bootstrap, registryUrl, prefix + ".profiles", MmsProfile.newBuilder()
                .setName("archiving").setMm1(InterfaceSettings.newBuilder().setArchive(ArchiveMode.FULL).build())
                .build());

        Map<String, String> s = new HashMap<>(InspectionSettings.of(bootstrap, registryUrl, prefix, dir.resolve("state"),
                t -> prefix + "." + t));
        s.put("archive.key-id", "k2026");
        s.put("archive.keys-file", keyFile.toString());
        service = InspectionService.start(InspectionConfig.from(Settings.of(s, InspectionConfig.KEYS)));
        assertThat(service.awaitRunning(HANG_GUARD)).isTrue();

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        ContractTopics contracts = ContractTopics.create(Map.of("schema.registry.url", registryUrl,
                "auto.register.schemas", true));
        try (KafkaProducer<String, MmsEnvelope> producer = new KafkaProducer<>(p, new StringSerializer(),
                contracts.topic(Contracts.INBOUND, prefix + ".inbound").valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(prefix + ".inbound", SENDER, envelope())).get();
        }
    }

    @AfterAll
    static void tearDown() {
        if (service != null) {
            service.close();
        }
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) seed);
        return k;
    }

    private static MmsEnvelope envelope() {
        byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
        return MmsEnvelope.newBuilder().setSessionId("archive-it-1").setGatewayId("gw").setReplyPartition(0)
                .setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND).setMessageType("m-send-req")
                .setSender(SENDER).setRecipients(List.of(Recipient.newBuilder().setAddress("+491709876543")
                        .setKind(RecipientKind.TO).build()))
                .setSubject(SUBJECT).setContentType("application/vnd.wap.multipart.mixed")
                .setParts(List.of(MmsPart.newBuilder().setContentType("text/plain").setCharset("utf-8")
                        .setFilename(FILENAME).setSize(text.length).setCrc32(1).setSha256("00".repeat(32))
                        .setContent(ByteBuffer.wrap(text)).build()))
                .setOriginalSize(text.length + 100).setReceivedAt(Instant.now())
                .setTransport(Transport.newBuilder().build()).setProfile("archiving").build();
    }

    /** The archive record as the broker stores it: key and value bytes, no deserializer. */
    private static ConsumerRecord<byte[], byte[]> rawArchiveRecord() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-" + UUID.randomUUID());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(archiveTopic));
            long deadline = System.nanoTime() + HANG_GUARD.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    return r;
                }
            }
        }
        throw new AssertionError("no archive record within " + HANG_GUARD);
    }

    private static Cli query(String... args) {
        List<String> all = new ArrayList<>(List.of("archive", "query"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-servers", bootstrap, "--registry-url", registryUrl, "--archive-topic",
                archiveTopic));
        return Cli.run(all.toArray(String[]::new));
    }

    /** The query with the process's stderr, where slf4j-simple writes the audit line, captured in {@code logged}. */
    private static Cli loggingTo(ByteArrayOutputStream logged, String... args) {
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            return query(args);
        } finally {
            System.setErr(stderr);
        }
    }

    @Test
    void theContentIsNotInTheClearOnTheTopicButTheSenderIs() {
        String raw = new String(rawArchiveRecord().value(), StandardCharsets.ISO_8859_1);

        assertThat(raw).doesNotContain(TEXT, SUBJECT, FILENAME, "PIN").contains(SENDER, "k2026", "A256GCM+A256KW");
    }

    @Test
    void theQueryWithTheKeyPrintsTheOriginalContentAndAuditsTheRead() {
        rawArchiveRecord();
        ByteArrayOutputStream logged = new ByteArrayOutputStream();

        Cli q = loggingTo(logged, "--json", "--sender", SENDER, "--key-file", keyFile.toString(), "--author",
                "analyst-7");

        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(q.out()).contains("\"subject\":\"" + SUBJECT + "\"",
                "\"filename\":\"" + FILENAME + "\"",
                "\"content\":\"" + Base64.getEncoder().encodeToString(TEXT.getBytes(StandardCharsets.UTF_8)) + "\"",
                "\"encryptedContent\":null");
        assertThat(q.err()).isEqualTo("1 record(s) scanned, 1 matched\n");
        assertThat(logged.toString(StandardCharsets.UTF_8)).containsOnlyOnce("archive content read:")
                .contains("io.mmsguard.audit.archive", "reader=\"analyst-7\"", "topic=" + archiveTopic,
                        "filter=\"--sender " + SENDER + "\"", "records=1 with-content=1 decrypted=1");
    }

    @Test
    void withoutTheKeyTheClearFieldsArePrintedAndTheContentIsSaidToBeEncrypted() {
        rawArchiveRecord();
        ByteArrayOutputStream logged = new ByteArrayOutputStream();

        Cli q = loggingTo(logged, "--sender", SENDER);

        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(q.out()).contains(SENDER, "+491709876543", "PASS").doesNotContain(TEXT);
        assertThat(q.err()).isEqualTo("1 record(s) scanned, 1 matched; content of 1 encrypted (give the archive keys"
                + " with --key-file)\n");
        assertThat(logged.toString(StandardCharsets.UTF_8)).as("no content printed, nothing to audit")
                .doesNotContain("archive content read:");
    }

    @Test
    void aKeyFileWithoutTheRecordsKeyFailsClearly() throws Exception {
        rawArchiveRecord();
        Path other = Files.writeString(dir.resolve("other-keys"),
                "k2024:" + Base64.getEncoder().encodeToString(key(1)) + "\n");

        Cli q = query("--key-file", other.toString());

        assertThat(q.exit()).isEqualTo(1);
        assertThat(q.err()).contains("cannot decrypt the record at " + archiveTopic + "-0@",
                "(session archive-it-1): the record was encrypted with archive key 'k2026', which is not among the"
                        + " configured keys [k2024]");
    }

    @Test
    void anAnalystsPythonSnippetDecryptsTheRecord() throws Exception {
        rawArchiveRecord();
        Cli q = query("--json", "--sender", SENDER);
        assertThat(q.exit()).as(q.err()).isZero();
        Path folder = Files.createDirectories(dir.resolve("analyst"));
        Files.writeString(folder.resolve("record.json"), q.out().strip());
        Files.copy(keyFile, folder.resolve("keys"));

        PythonScript.writeInto(ArchiveEncryptionIntegrationTest.class, "/archive/decrypt_archive.py", folder);

        assertThat(folder.resolve("subject.txt")).hasContent(SUBJECT);
        assertThat(folder.resolve("part-0.bin")).hasBinaryContent(TEXT.getBytes(StandardCharsets.UTF_8));
    }
}
