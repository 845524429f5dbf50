package io.mmsguard.gateway.mm4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.gateway.GatewayStack;
import io.mmsguard.gateway.mm3.SmtpTestKit;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.gateway.smtp.SmtpTestServer;
import io.mmsguard.gateway.smtp.SmtpTransaction;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * MM3 and MM4 end to end: real SMTP clients (swaks for MM3, the gateway's own SMTP client for MM4 bursts) through
 * the gateway's SMTP listeners and the real inspection topology to an SMTP MMSC stub, which must receive exactly
 * the passed messages (and, for MM4 blocks, the MM4_forward.RES the gateway sends back towards the originator).
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class SmtpEndToEndIntegrationTest {
    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    private static final String RCPT = "+447700900456/TYPE=PLMN@mms.mnc010.mcc234.gprs";
    /** swaks reads a leading '+' as an option prefix. */
    private static final String MM3_RCPT = "447700900456@mms.mnc010.mcc234.gprs";
    @TempDir
    static Path dir;
    private static SmtpTestServer mmsc;
    private static GatewayStack stack;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        mmsc = SmtpTestServer.accepting(SmtpServerSettings.defaults("mmsc.test", 32 << 20));
        String upstream = "127.0.0.1:" + mmsc.port();
        Path keyStore = SmtpTestServer.keyStore(dir);
        stack = GatewayStack.start(kafka, registry, dir, "smtpe2e", Map.ofEntries(
                Map.entry("mm1.enabled", "false"),
                Map.entry("mm3.enabled", "true"), Map.entry("mm3.listen", "127.0.0.1:0"),
                Map.entry("mm3.upstream", upstream), Map.entry("mm3.max-message-bytes", "100000"),
                Map.entry("mm3.starttls.key-store", keyStore.toString()), Map.entry("mm3.starttls.password", "changeit"),
                Map.entry("mm4.enabled", "true"), Map.entry("mm4.listen", "127.0.0.1:0"),
                Map.entry("mm4.upstream", upstream),
                Map.entry("mm4.system-address", "system-user@mms.mnc010.mcc234.gprs")));
        Threshold floodLimit3 = Threshold.newBuilder().setEnabled(true).setWindowMinutes(60).setLimit(3)
                .setActions(List.of(ThresholdAction.BLOCK)).build();
        Threshold duplicateLimit2 = Threshold.newBuilder().setEnabled(true).setWindowMinutes(60).setLimit(2)
                .setActions(List.of(ThresholdAction.BLOCK)).build();
        stack.publishProfile(MmsProfile.newBuilder().setName("default")
                .setMm4(InterfaceSettings.newBuilder().setFlood(List.of(floodLimit3))
                        .setDuplicate(List.of(duplicateLimit2)).build())
                .setBannedWords(List.of(BannedWord.newBuilder().setPattern("casino").setScore(20).build()))
                .build());
    }

    @AfterAll
    static void tearDown() {
        if (stack != null) {
            stack.close();
        }
        if (mmsc != null) {
            mmsc.close();
        }
    }

    @BeforeEach
    void clear() {
        mmsc.received.clear();
    }

    private static Path swaks() {
        Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "swaks")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new AssertionError("swaks is required (MMSGUARD_REQUIRE_ORACLES=true) but not on PATH");
        }
        Assumptions.assumeTrue(found.isPresent(), "swaks not on PATH");
        return found.get();
    }

    private record Run(int exit, String output) {
    }

    private static Run swaks(String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(swaks().toString(), "--server", "127.0.0.1", "--port",
                String.valueOf(stack.gateway().port("mm3")), "--helo", "mail.example.org",
                "--from", "alice@example.org", "--to", MM3_RCPT, "--timeout", "30"));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("swaks finished").isTrue();
        return new Run(p.exitValue(), output);
    }

    @Test
    void mm3CleanMailIsRelayedAndSpamOrAVirusIsRefusedWith550() throws Exception {
        Run clean = swaks("--header", "Subject: lunch", "--body", "see you at noon");
        assertThat(clean.exit()).as(clean.output()).isZero();
        SmtpTransaction relayed = mmsc.received.poll(30, TimeUnit.SECONDS);
        assertThat(relayed).isNotNull();
        assertThat(new String(relayed.data(), StandardCharsets.UTF_8)).contains("see you at noon");
        assertThat(relayed.rcptTo()).containsExactly(MM3_RCPT);

        Run spam = swaks("--header", "Subject: tonight", "--body", "win at the casino tonight");
        assertThat(spam.exit()).as(spam.output()).isNotZero();
        assertThat(spam.output()).contains("550 5.7.1").contains("blocked because of its content");

        Path virus = dir.resolve("tool.com");
        Files.writeString(virus, EICAR, StandardCharsets.US_ASCII);
        Run infected = swaks("--header", "Subject: tool", "--body", "run it", "--attach", "@" + virus);
        assertThat(infected.exit()).as(infected.output()).isNotZero();
        assertThat(infected.output()).contains("550 5.7.1").contains("virus");

        assertThat(mmsc.received).as("only the clean mail reached the MMSC").isEmpty();
    }

    @Test
    void mm3OverStartTlsWithPipelinedCommandsIsRelayedAndOversizedOrBadInputIsRefused() throws Exception {
        Run tls = swaks("--tls", "--pipeline", "--header", "Subject: secure", "--body", "over TLS, pipelined");
        assertThat(tls.exit()).as(tls.output()).isZero();
        assertThat(tls.output()).contains("STARTTLS").contains("PIPELINING");
        SmtpTransaction relayed = mmsc.received.poll(30, TimeUnit.SECONDS);
        assertThat(relayed).isNotNull();
        assertThat(new String(relayed.data(), StandardCharsets.UTF_8)).contains("over TLS, pipelined");

        Path bigFile = dir.resolve("big.bin");
        Files.write(bigFile, new byte[150_000]);
        Run big = swaks("--header", "Subject: big", "--body", "see attachment", "--attach", "@" + bigFile);
        assertThat(big.exit()).as(big.output()).isNotZero();
        assertThat(big.output()).contains("552");

        try (SmtpTestServer.RawClient raw = new SmtpTestServer.RawClient(stack.gateway().port("mm3"))) {
            assertThat(raw.reply()).startsWith("220");
            assertThat(raw.command("EHLO client.test")).startsWith("250");
            assertThat(raw.command("FROB the gateway")).startsWith("500");
            assertThat(raw.command("RCPT TO:<" + MM3_RCPT + ">")).startsWith("503");
            assertThat(raw.command("MAIL FROM alice")).startsWith("501");
            assertThat(raw.command("QUIT")).startsWith("221");
        }
        assertThat(mmsc.received).as("neither the oversized message nor anything else reached the MMSC").isEmpty();
    }

    @Test
    void mm4FloodAndDuplicateCampaignAreCutAtTheLimitsWith250AndAForwardResToTheOriginator() throws Exception {
        SmtpClient peer = new SmtpClient(new InetSocketAddress("127.0.0.1", stack.gateway().port("mm4")),
                "mms.mnc006.mcc260.gprs", Duration.ofSeconds(10), Duration.ofSeconds(30),
                Executors.newFixedThreadPool(2));
        for (int i = 0; i < 5; i++) {
            SmtpReply reply = peer.send("+48600111222/TYPE=PLMN@mms.mnc006.mcc260.gprs", List.of(RCPT),
                    forward("+48600111222", "flood " + i, "tx-flood-" + i)).get(60, TimeUnit.SECONDS);
            assertThat(reply.code()).as("MM4 blocks are 250 at the SMTP level too").isEqualTo(250);
        }
        for (int i = 0; i < 4; i++) {
            SmtpReply reply = peer.send("+4860020000" + i + "/TYPE=PLMN@mms.mnc006.mcc260.gprs", List.of(RCPT),
                    forward("+4860020000" + i, "the same offer for everyone", "tx-dup-" + i)).get(60, TimeUnit.SECONDS);
            assertThat(reply.code()).isEqualTo(250);
        }

        // 3 flood + 2 duplicate copies relayed; 2 + 2 blocked, each answered with an MM4_forward.RES.
        await().atMost(Duration.ofSeconds(60)).until(() -> mmsc.received.size() >= 9);
        List<String> types = mmsc.received.stream()
                .map(tx -> header(tx, "X-Mms-Message-Type") + " " + header(tx, "X-Mms-Transaction-ID")).toList();
        assertThat(types).filteredOn(t -> t.startsWith("MM4_forward.REQ"))
                .containsExactlyInAnyOrder("MM4_forward.REQ \"tx-flood-0\"", "MM4_forward.REQ \"tx-flood-1\"",
                        "MM4_forward.REQ \"tx-flood-2\"", "MM4_forward.REQ \"tx-dup-0\"", "MM4_forward.REQ \"tx-dup-1\"");
        assertThat(types).filteredOn(t -> t.startsWith("MM4_forward.RES"))
                .containsExactlyInAnyOrder("MM4_forward.RES \"tx-flood-3\"", "MM4_forward.RES \"tx-flood-4\"",
                        "MM4_forward.RES \"tx-dup-2\"", "MM4_forward.RES \"tx-dup-3\"");
        assertThat(mmsc.received.stream().filter(tx -> header(tx, "X-Mms-Message-Type").equals("MM4_forward.RES")))
                .allSatisfy(tx -> assertThat(header(tx, "X-Mms-Request-Status-Code"))
                        .isEqualTo("Error-content-not-accepted"));
    }

    private static byte[] forward(String from, String text, String transactionId) {
        return SmtpTestKit.mm4Forward(from, text, transactionId);
    }

    private static String header(SmtpTransaction tx, String name) {
        for (String line : new String(tx.data(), StandardCharsets.UTF_8).split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }
}
