package io.mmsguard.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.gateway.tls.TlsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener against swaks (Debian {@code swaks}), an independent SMTP client: plain, PIPELINING, STARTTLS,
 * a refusal and an oversized message. Skipped when swaks is not on PATH, failed instead under
 * {@code MMSGUARD_REQUIRE_ORACLES=true}.
 */
class SmtpSwaksTest {
    private static final String DATA = "From: <+447700900123/TYPE=PLMN@mms.mnc010.mcc234.gprs>\r\n"
            + "Subject: hello\r\n\r\nfirst line\r\n.starts with a dot\r\n..two dots\r\nlast line";
    private static final SmtpServerSettings SETTINGS = SmtpServerSettings.defaults("mx.test", 4096);

    @TempDir
    Path dir;
    private Path swaks;
    private SmtpTestServer server;

    @BeforeEach
    void findSwaks() {
        Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "swaks")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new AssertionError("swaks is required (MMSGUARD_REQUIRE_ORACLES=true) but not on PATH");
        }
        Assumptions.assumeTrue(found.isPresent(), "swaks not on PATH");
        swaks = found.get();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Run(int exit, String output) {
    }

    private Run swaks(String data, String... options) throws Exception {
        Path file = dir.resolve("data.eml");
        Files.writeString(file, data, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(swaks.toString(), "--server", "127.0.0.1", "--port",
                String.valueOf(server.port()), "--helo", "client.test", "--from", "sender@mms.mnc010.mcc234.gprs",
                "--to", "447700900456/TYPE=PLMN@mms.mnc015.mcc234.gprs", "--data", "@" + file, "--timeout", "30"));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("swaks finished").isTrue();
        return new Run(p.exitValue(), output);
    }

    private void assertDelivered(Run run, boolean tls) throws InterruptedException {
        assertThat(run.exit()).as(run.output()).isZero();
        SmtpTransaction tx = server.next();
        assertThat(new String(tx.data(), StandardCharsets.UTF_8)).isEqualTo(DATA + "\r\n");
        assertThat(tx.mailFrom()).isEqualTo("sender@mms.mnc010.mcc234.gprs");
        assertThat(tx.rcptTo()).containsExactly("447700900456/TYPE=PLMN@mms.mnc015.mcc234.gprs");
        assertThat(tx.helo()).isEqualTo("client.test");
        assertThat(tx.tls()).isEqualTo(tls);
    }

    @Test
    void aCleanMessageIsDeliveredExactly() throws Exception {
        server = SmtpTestServer.accepting(SETTINGS);
        assertDelivered(swaks(DATA), false);
    }

    @Test
    void pipelining() throws Exception {
        server = SmtpTestServer.accepting(SETTINGS);
        Run run = swaks(DATA, "--pipeline");
        assertThat(run.output()).contains("PIPELINING");
        assertDelivered(run, false);
    }

    @Test
    void startTls() throws Exception {
        TlsSettings tls = TlsSettings.of(SmtpTestServer.keyStore(dir),
                "changeit".toCharArray());
        server = SmtpTestServer.accepting(SETTINGS.withStartTls(tls));
        Run run = swaks(DATA, "--tls");
        assertThat(run.output()).contains("STARTTLS", "TLS started");
        assertDelivered(run, true);
    }

    @Test
    void aRefusalReachesTheClient() throws Exception {
        server = new SmtpTestServer(SETTINGS, 10,
                tx -> CompletableFuture.completedFuture(SmtpReply.of(550, "5.7.1", "Blocked by policy")));
        Run run = swaks(DATA);
        assertThat(run.exit()).as("server did not accept mail following data").isEqualTo(26);
        assertThat(run.output()).contains("<** 550 5.7.1 Blocked by policy");
        assertThat(server.received).hasSize(1);
    }

    @Test
    void anOversizedMessageGets552() throws Exception {
        server = SmtpTestServer.accepting(SETTINGS);
        Run run = swaks(("x".repeat(70) + "\r\n").repeat(100) + "end");
        assertThat(run.exit()).isEqualTo(26);
        assertThat(run.output()).contains("<** 552 5.3.4");
        assertThat(server.received).isEmpty();
    }
}
