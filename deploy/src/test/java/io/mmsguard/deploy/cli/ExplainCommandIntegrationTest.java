package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.avro.Transport;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.CampaignText;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mmsguard explain} against a real inspection service on a real broker and registry: flood senders under
 * profiles with block time 0 and 10 min, a sender at exactly the limit, a virus-blocked message and a campaign of
 * near-identical copies blocked by the similar-content check, each explained
 * through the CLI as an operator runs it.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ExplainCommandIntegrationTest {
    private static final Duration HANG_GUARD = InspectionOnBroker.HANG_GUARD;
    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    /** 5 messages under a limit of 3, block time 0: 3 pass, 2 are blocked, and so would the next be. */
    private static final String OVER_ZERO = "+491710000001";
    /** 3 messages under a limit of 3, block time 0: all pass, and the next would be the 4th. */
    private static final String AT_LIMIT = "+491710000002";
    /** 5 messages under a limit of 3, block time 10 min: a lasting block. */
    private static final String OVER_TEN = "+491710000003";
    private static final String VIRUS_SENDER = "+491710000004";
    private static final String VIRUS_SESSION = "explain-virus-1";
    private static final String VIRUS_MESSAGE_ID = "explain-msg-0001@mmsc.example";
    /** Sessions similar-0 .. similar-3: four copies of a campaign from four senders, a limit of 3. */
    private static final String SIMILAR_SESSION = "similar-";

    @TempDir
    static Path dir;
    private static String bootstrap;
    private static String registryUrl;
    private static String prefix;
    private static String inspectionUrl;
    private static InspectionService service;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        bootstrap = kafka.bootstrapServers();
        registryUrl = registry.url();
        prefix = "it-explain-" + UUID.randomUUID().toString().substring(0, 8);
        InspectionOnBroker.createTopics(kafka, prefix);
        ProfilePublisher.publish(bootstrap, registryUrl, prefix + ".profiles",
                flood("flood0", 0), flood("flood10", 10),
                MmsProfile.newBuilder().setName("virus")
                        .setMm1(InterfaceSettings.newBuilder().setArchive(ArchiveMode.FULL).build()).build(),
                similar("similar"));

        service = InspectionOnBroker.start(bootstrap, registryUrl, prefix, dir.resolve("state"), Map.of());
        inspectionUrl = "http://127.0.0.1:" + service.httpPort();
        awaitApplied("flood0", "flood10", "virus", "similar");

        int sent = 0;
        try (KafkaProducer<String, MmsEnvelope> producer = InspectionOnBroker.inbound(bootstrap, registryUrl, prefix)) {
            for (int i = 0; i < 5; i++) {
                send(producer, envelope(OVER_ZERO + "-" + i, OVER_ZERO, "flood0").build());
                send(producer, envelope(OVER_TEN + "-" + i, OVER_TEN, "flood10").build());
                sent += 2;
            }
            for (int i = 0; i < 3; i++) {
                send(producer, envelope(AT_LIMIT + "-" + i, AT_LIMIT, "flood0").build());
                sent++;
            }
            byte[] eicar = EICAR.getBytes(StandardCharsets.US_ASCII);
            send(producer, envelope(VIRUS_SESSION, VIRUS_SENDER, "virus").setMessageId(VIRUS_MESSAGE_ID)
                    .setParts(List.of(MmsPart.newBuilder().setContentType("application/octet-stream")
                            .setFilename("eicar.com").setSize(eicar.length).setCrc32(1).setSha256("00".repeat(32))
                            .setContent(ByteBuffer.wrap(eicar)).build()))
                    .setOriginalSize(eicar.length + 100).build());
            sent++;
            // Every topic has one partition here, so the band step counts the copies in the order they are sent.
            for (int i = 0; i < 4; i++) {
                byte[] text = CampaignText.copy(i).getBytes(StandardCharsets.UTF_8);
                send(producer, envelope(SIMILAR_SESSION + i, "+49172000000" + i, "similar")
                        .setParts(List.of(MmsPart.newBuilder().setContentType("text/plain").setSize(text.length)
                                .setCrc32(1).setSha256(String.format("%064x", i + 1))
                                .setContent(ByteBuffer.wrap(text)).build()))
                        .setOriginalSize(text.length + 100).build());
                sent++;
            }
        }
        awaitDecisions(sent);
    }

    @AfterAll
    static void tearDown() {
        if (service != null) {
            service.close();
        }
    }

    private static MmsProfile flood(String name, int blockMinutes) {
        return MmsProfile.newBuilder().setName(name).setMm1(InterfaceSettings.newBuilder().setFlood(List.of(
                Threshold.newBuilder().setEnabled(true).setLimit(3).setWindowMinutes(60)
                        .setBlockTimeMinutes(blockMinutes).setActions(List.of(ThresholdAction.BLOCK)).build()))
                .build()).build();
    }

    /** A similar-content threshold of 3 in 60 min that blocks (passes are logged by default: an earlier copy opens). */
    private static MmsProfile similar(String name) {
        return MmsProfile.newBuilder().setName(name).setMm1(InterfaceSettings.newBuilder().setSimilar(List.of(
                        Threshold.newBuilder().setEnabled(true).setLimit(3).setWindowMinutes(60).setBlockTimeMinutes(0)
                                .setActions(List.of(ThresholdAction.BLOCK)).build()))
                        .build()).build();
    }

    private static MmsEnvelope.Builder envelope(String session, String sender, String profile) {
        return MmsEnvelope.newBuilder().setSessionId(session).setGatewayId("gw").setReplyPartition(0)
                .setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND).setMessageType("m-send-req")
                .setSender(sender).setRecipients(List.of(Recipient.newBuilder().setAddress("+491709876543")
                        .setKind(RecipientKind.TO).build()))
                .setContentType("application/vnd.wap.multipart.mixed").setParts(List.of()).setOriginalSize(200)
                .setReceivedAt(Instant.now()).setTransport(Transport.newBuilder().build()).setProfile(profile);
    }

    private static void send(KafkaProducer<String, MmsEnvelope> producer, MmsEnvelope e) throws Exception {
        producer.send(new ProducerRecord<>(prefix + ".inbound", e.getSender(), e)).get();
    }

    /** Until the service reports every profile applied: the envelopes must not meet the default profile. */
    private static void awaitApplied(String... names) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(URI.create(inspectionUrl + "/status/profiles")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String seen = body;
            if (List.of(names).stream().allMatch(n -> seen.contains("\"" + n + "\" : \"applied\""))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("profiles not applied within " + HANG_GUARD + ": " + body);
    }

    /** Until the topology has decided every message sent (committed decisions, as a gateway reads them). */
    private static void awaitDecisions(int expected) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "decisions-" + UUID.randomUUID());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(prefix + ".decisions"));
            long deadline = System.nanoTime() + HANG_GUARD.toNanos();
            int seen = 0;
            while (seen < expected && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(500)).count();
            }
            assertThat(seen).as("decisions").isEqualTo(expected);
        }
    }

    private static Cli explain(String... args) {
        List<String> all = new ArrayList<>(List.of("explain"));
        all.addAll(List.of(args));
        all.addAll(List.of("--inspection-url", inspectionUrl));
        return Cli.run(all.toArray(String[]::new));
    }

    private static Cli explainDecision(String... args) {
        List<String> all = new ArrayList<>(List.of("explain"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-servers", bootstrap, "--registry-url", registryUrl,
                "--inspection-log-topic", prefix + ".inspection-log", "--archive-topic", prefix + ".archive"));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void aBlockedFloodSenderIsExplainedUnderTheProfileInForceNotTheDefault() {
        Cli c = explain(OVER_ZERO);

        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("flood state of " + OVER_ZERO + " (owner 127.0.0.1:" + service.httpPort(),
                        "profiles in force: default, flood0, flood10, similar, virus\n",
                        "\nMM1, profile flood0\n"
                                + "THRESHOLD WINDOW   LIMIT   COUNT   FLAGGED BLOCKED BLOCKED UNTIL            NEXT MESSAGE\n"
                                + "1         60 min   3       5       yes     no      -                        BLOCK\n"
                                + "blocked now: yes\n")
                .doesNotContain("profile default", "no enabled flood thresholds", "blocked now: no");
    }

    @Test
    void withBlockTimeZeroASenderAtTheLimitIsBlockedNow() {
        Cli c = explain(AT_LIMIT, "--profile", "flood0", "--interface", "MM1");

        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).startsWith("flood state of " + AT_LIMIT + " on MM1, profile flood0 (owner ")
                .endsWith("THRESHOLD WINDOW   LIMIT   COUNT   FLAGGED BLOCKED BLOCKED UNTIL            NEXT MESSAGE\n"
                        + "1         60 min   3       3       no      no      -                        BLOCK\n"
                        + "blocked now: yes\n");
    }

    @Test
    void aLastingBlockShowsItsEnd() {
        Cli c = explain(OVER_TEN, "--profile", "flood10");

        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("\nMM1, profile flood10\n").containsPattern(
                "1         60 min   3       5       yes     yes     \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z +BLOCK\n"
                        + "blocked now: yes\n");
    }

    @Test
    void anUnknownProfileIsRefusedWithTheProfilesInForce() {
        Cli c = explain(OVER_ZERO, "--profile", "nosuchprofile");

        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.out()).isEmpty();
        assertThat(c.err()).isEqualTo("mmsguard: --profile nosuchprofile: no profile \"nosuchprofile\" is in force;"
                + " the profiles in force are: default, flood0, flood10, similar, virus\n");
    }

    @Test
    void aVirusBlockedSessionIsExplainedWithItsSignatureAndTheAnswer() {
        Cli c = explainDecision("--session", VIRUS_SESSION, "--since", "1h");

        assertThat(c.exit()).as(c.err()).isZero();
        assertVirusReport(c.out());
    }

    @Test
    void theSameMessageIsFoundByItsMessageId() {
        Cli c = explainDecision("--message-id", VIRUS_MESSAGE_ID);

        assertThat(c.exit()).as(c.err()).isZero();
        assertVirusReport(c.out());
    }

    private static void assertVirusReport(String out) {
        assertThat(out).startsWith("session " + VIRUS_SESSION + ": MM1 SEND, message id " + VIRUS_MESSAGE_ID
                        + ", gateway gw\nsender " + VIRUS_SENDER + ", 1 recipient(s), 1 part(s), ")
                .contains("profile virus version ", "verdict BLOCK, reason VIRUS: MmsGuard.Test.Eicar\n",
                        "  ANTIVIRUS       BLOCK    0    MmsGuard.Test.Eicar\n",
                        "  FLOOD           SKIPPED  -    not evaluated\n",
                        "thresholds at decision time: none evaluated\n",
                        "answer: blocked: X-Mms-Response-Status 0x87, text \"",
                        "archive: FULL record (trigger PROFILE) written ");
    }

    @Test
    void aFloodBlockedSessionShowsTheCountsAndLimitAtDecisionTime() {
        Cli c = explainDecision("--session", OVER_ZERO + "-4", "--since", "1h");

        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("verdict BLOCK, reason FLOOD: flood threshold 1: 5 in 60 min > limit 3\n",
                "  KIND      THRESHOLD WINDOW  LIMIT  COUNT   EXCEEDED ACTIONS            BLOCKED UNTIL\n"
                        + "  FLOOD     1         60 min  3      5       yes      BLOCK              -\n",
                "answer: blocked: X-Mms-Response-Status 0x87");
    }

    @Test
    void aSimilarBlockedSessionNamesTheEarlierCopyTheSharedBandsAndTheCounts() {
        Cli c = explainDecision("--session", SIMILAR_SESSION + 3, "--since", "1h");

        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("verdict BLOCK, reason SIMILAR: similar threshold 1: 4 in 60 min > limit 3; shares ",
                "  KIND      THRESHOLD WINDOW  LIMIT  COUNT   EXCEEDED ACTIONS            BLOCKED UNTIL\n"
                        + "  SIMILAR   1         60 min  3      4       yes      BLOCK              -\n",
                "similar to: session " + SIMILAR_SESSION + 2 + ", estimated similarity ",
                " (mmsguard explain --session " + SIMILAR_SESSION + 2 + ")\n",
                "answer: blocked: X-Mms-Response-Status 0x87")
                .containsPattern("similar to: .*\n  shares \\d+ fingerprint band\\(s\\): t\\d+-[0-9a-f]+");

        Cli earlier = explainDecision("--session", SIMILAR_SESSION + 2, "--since", "1h");
        assertThat(earlier.exit()).as(earlier.err()).isZero();
        assertThat(earlier.out()).contains("verdict PASS, reason NONE",
                "  SIMILAR   1         60 min  3      3       no ");
    }

    @Test
    void anUnknownSessionIsExitCodeOne() {
        Cli c = explainDecision("--session", "no-such-session", "--since", "1h");

        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).contains("mmsguard: no inspection-log or archive record of session no-such-session since ");
    }
}
