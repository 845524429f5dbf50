package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.Verdict;
import io.mmsguard.deploy.TopicPlan;
import io.mmsguard.inspection.backtest.Verdicts;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.CampaignText;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backtest against a live inspection service on a real broker: a flood, a duplicate campaign and a campaign of
 * near-identical copies (the similar-content check) from several senders over the deployment's partitioned topics, with a profile change applied in the middle through
 * {@code config apply} (so through mms.config-audit). {@code backtest --verify} must reproduce every recorded
 * decision, and a candidate with a lower flood limit must name the sender it would have blocked.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class BacktestIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);
    private static final String FLOODER = "+491701000001";
    private static final String LATE_FLOODER = "+491701000002";

    @TempDir
    static Path dir;
    private static String prefix;
    private static String bootstrap;
    private static String registryUrl;
    private static InspectionService service;
    private static KafkaProducer<String, MmsEnvelope> envelopes;
    private static Instant start;
    private static final List<String> sessions = new ArrayList<>();

    @BeforeAll
    static void liveRun(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        bootstrap = kafka.bootstrapServers();
        registryUrl = registry.url();
        prefix = "it-backtest-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.admin().createTopics(TopicPlan.embedded().stream()
                .map(t -> new NewTopic(topic(t.name()), t.partitions(), (short) 1).configs(t.configs()))
                .toList()).all().get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        start = Instant.now().minusSeconds(1);
        assertThat(cli("config", "apply", profileFile("v1.yaml", 4).toString(), "--no-wait").exit()).isZero();
        service = InspectionOnBroker.start(bootstrap, registryUrl, prefix, dir.resolve("state"), Map.of());
        envelopes = InspectionOnBroker.inbound(bootstrap, registryUrl, prefix);

        for (int i = 1; i <= 6; i++) {
            send(FLOODER, "flood " + i);
        }
        for (int i = 1; i <= 5; i++) {
            send("+49170200000" + i, "the same campaign text");
        }
        // One at a time: live, copies from several inbound partitions meet in the band step in an order nobody
        // records; decided one by one, it is their append order, which the replay follows.
        List<String> similar = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            send("+49170400000" + i, CampaignText.copy(i));
            similar.add(sessions.get(sessions.size() - 1));
            decisions();
        }
        // Version 2 (flood limit 2), in force on the service before the rest is sent.
        Cli v2 = cli("config", "apply", profileFile("v2.yaml", 2).toString(), "--wait", "30s");
        assertThat(v2.exit()).as(v2.out() + v2.err()).isZero();
        for (int i = 1; i <= 4; i++) {
            send(LATE_FLOODER, "late " + i);
        }
        send("+491703000001", "the same campaign text");
        Map<String, Decision> decided = decisions();
        assertThat(sessions.stream().map(s -> decided.get(s).getVerdict()))
                .as("the traffic blocks some messages for flood and some as duplicates")
                .contains(Verdict.PASS, Verdict.BLOCK);
        assertThat(similar.stream().map(s -> Verdicts.of(decided.get(s)))).as("limit 3: the 4th and 5th copies")
                .containsExactly("PASS NONE", "PASS NONE", "PASS NONE", "BLOCK SIMILAR", "BLOCK SIMILAR");
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

    /**
     * Exact, not only explained: the profile logs every message, so every copy's stage-2 offset is recorded and the
     * replay counts the campaign's copies in the order the live duplicate stage did (which, across the inbound
     * partitions, often differs from their append order even for copies sent one after the other).
     */
    @Test
    void aReplayWithTheVersionsInForceReproducesEveryRecordedDecision() {
        Cli verify = backtest("--verify", "--threads", "2");

        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("replayed " + sessions.size() + ": " + sessions.size() + " match, 0 with"
                + " nothing recorded to compare").contains("unexplained differences: 0");
    }

    @Test
    void aCandidateWithALowerFloodLimitNamesTheSenderItWouldHaveBlocked() throws Exception {
        Cli backtest = backtest("--candidate", profileFile("candidate.yaml", 2).toString(), "--threads", "1");

        assertThat(backtest.exit()).as(backtest.out() + backtest.err()).isZero();
        List<String> lines = backtest.out().lines().toList();
        // Live: the flooder's 5th and 6th were blocked under version 1's limit 4; the candidate blocks from the 3rd.
        assertThat(lines).contains("verdict changes (baseline -> candidate): 2 of " + sessions.size() + " message(s)");
        assertThat(lines).anyMatch(l -> l.matches("PASS NONE +BLOCK FLOOD +2"));
        assertThat(lines).contains("senders that would have been blocked: 1");
        assertThat(lines).anyMatch(l -> l.startsWith(FLOODER) && l.split(" +")[1].equals("2"));
        assertThat(lines).contains("senders that would have been released: none");
    }

    @Test
    void anArchiveWithoutFullRecordsIsRefused() {
        Cli refused = backtest("--verify", "--from", "mms.archive");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("needs every message archived FULL");
    }

    private static Cli backtest(String... args) {
        List<String> all = new ArrayList<>(List.of("backtest", "--since", start.toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-servers", bootstrap, "--registry-url", registryUrl,
                "--audit-topic", topic("mms.config-audit"), "--resets-topic", topic("mms.state-resets"),
                "--inspection-log-topic", topic("mms.inspection-log"), "--decisions-topic", topic("mms.decisions")));
        all.addAll(List.of("--inbound-topic", topic("mms.inbound"), "--archive-topic", topic("mms.archive")));
        return Cli.run(all.toArray(String[]::new));
    }

    private static Cli cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--author", "it", "--bootstrap-servers", bootstrap, "--registry-url", registryUrl,
                "--profiles-topic", topic("mms.profiles"), "--endpoint-lists-topic", topic("mms.endpoint-lists"),
                "--audit-topic", topic("mms.config-audit"), "--status-topic", topic("mms.config-status")));
        return Cli.run(all.toArray(String[]::new));
    }

    /** Profile {@code campaign}: flood {@code floodLimit}, duplicates and similar content 3 per hour on MM1, blocking. */
    private static Path profileFile(String name, int floodLimit) throws Exception {
        return Files.writeString(dir.resolve(name), """
                profiles:
                - name: campaign
                  mm1:
                    flood:
                    - enabled: true
                      windowMinutes: 60
                      limit: %d
                      actions: [LOG, BLOCK]
                    duplicate:
                    - enabled: true
                      windowMinutes: 60
                      limit: 3
                      actions: [LOG, BLOCK]
                    similar:
                    - enabled: true
                      windowMinutes: 60
                      limit: 3
                      actions: [LOG, BLOCK]
                """.formatted(floodLimit));
    }

    /** {@code mms.inbound} is {@code <prefix>.inbound}, as {@link InspectionOnBroker} names the service's topics. */
    private static String topic(String name) {
        return prefix + "." + name.substring(name.indexOf('.') + 1);
    }

    private static void send(String sender, String text) throws Exception {
        String id = prefix + "-s" + (sessions.size() + 1);
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        MmsEnvelope envelope = InspectionOnBroker.textMessage(id, sender, text, sha, "campaign");
        envelopes.send(new ProducerRecord<>(topic("mms.inbound"), sender, envelope)).get();
        sessions.add(id);
    }

    /** The committed decisions of every session sent. */
    private static Map<String, Decision> decisions() {
        return InspectionOnBroker.decisions(bootstrap, registryUrl, topic("mms.decisions"), sessions);
    }
}
