package io.mmsguard.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.gateway.tls.TlsSettings;
import io.mmsguard.gateway.http.TrustedProxies;
import io.mmsguard.gateway.mm3.LocalDomains;
import io.mmsguard.gateway.mm4.Mm4Peer;
import io.mmsguard.gateway.mm4.Mm4Peers;
import io.mmsguard.gateway.smtp.SmtpTestServer.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, MM3 and MM4 access control on real sockets: no open relay on MM3 (swaks), TLS required, SMTP AUTH only
 * under TLS, MM4 only from configured peers for their own domains.
 */
class SmtpAccessControlTest {
    private static final SmtpServerSettings SETTINGS = SmtpServerSettings.defaults("mx.test", 10_000);
    private static final LocalDomains LOCAL = new LocalDomains(List.of("mms.mnc010.mcc234.gprs"));
    private static final String PASSWORD = "correct horse";

    @TempDir
    Path dir;
    private SmtpTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawClient greeted() throws Exception {
        RawClient c = new RawClient(server.port());
        assertThat(c.reply()).startsWith("220 ");
        return c;
    }

    private double refused(String reason) {
        return server.meters.find("mmsguard.gateway.smtp.refused").tag("reason", reason).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private TlsSettings tls() throws Exception {
        return TlsSettings.of(SmtpTestServer.keyStore(dir), "changeit".toCharArray());
    }

    /** The probe of the issue: swaks --from a@evil.example --to v@example.org got 250. */
    @Test
    void mm3RefusesRelayingToAForeignDomainWith550_5_7_1() throws Exception {
        Optional<Path> swaks = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "swaks")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(swaks.isPresent(), "swaks not on PATH");
        server = SmtpTestServer.accepting(SETTINGS, LOCAL);
        List<String> cmd = new ArrayList<>(List.of(swaks.get().toString(), "--server", "127.0.0.1", "--port",
                String.valueOf(server.port()), "--from", "a@evil.example", "--to", "v@example.org", "--timeout", "30"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("<** 550 5.7.1 Relaying denied");
        assertThat(p.exitValue()).as(output).isNotZero();
        assertThat(server.received).isEmpty();
        assertThat(refused("relaying-denied")).isEqualTo(1);

        try (RawClient c = greeted()) {
            c.command("EHLO client.test");
            assertThat(c.command("MAIL FROM:<a@evil.example>")).startsWith("250");
            assertThat(c.command("RCPT TO:<v@example.org>")).startsWith("550 5.7.1");
            assertThat(c.command("RCPT TO:<+447700900456/TYPE=PLMN@MMS.mnc010.mcc234.gprs>")).startsWith("250");
        }
    }

    @Test
    void underRequireTlsOnlyEhloHeloStarttlsNoopRsetQuitComeBeforeStarttls() throws Exception {
        TlsSettings tls = tls();
        server = SmtpTestServer.accepting(SETTINGS.withStartTls(tls).withRequireTls(true), LOCAL);
        try (RawClient c = greeted()) {
            assertThat(c.command("EHLO client.test")).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(c.command("NOOP")).startsWith("250");
            assertThat(c.command("RSET")).startsWith("250");
            assertThat(c.command("MAIL FROM:<a@x.example>")).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
            assertThat(c.command("VRFY someone")).startsWith("530 5.7.0");
            assertThat(c.command("AUTH PLAIN")).startsWith("530 5.7.0");
            assertThat(c.command("STARTTLS")).startsWith("220");
            c.startTls(tls.keyStore());
            c.command("EHLO client.test");
            assertThat(c.command("MAIL FROM:<a@x.example>")).startsWith("250");
            assertThat(c.command("RCPT TO:<1@mms.mnc010.mcc234.gprs>")).startsWith("250");
        }
        assertThat(refused("tls-required")).isEqualTo(3);
    }

    @Test
    void authIsOfferedAndAcceptedOnlyUnderTlsAndAnAuthenticatedClientMayRelay() throws Exception {
        TlsSettings tls = withAuth();
        try (RawClient c = greeted()) {
            assertThat(c.command("EHLO client.test")).doesNotContain("AUTH");
            assertThat(c.command("AUTH PLAIN " + plain("portal", PASSWORD))).startsWith("538 5.7.11");
            c.command("STARTTLS");
            c.startTls(tls.keyStore());
            assertThat(c.command("EHLO client.test")).contains("250 AUTH PLAIN LOGIN");
            assertThat(c.command("MAIL FROM:<p@portal.example>")).startsWith("250");
            assertThat(c.command("RCPT TO:<v@example.org>")).as("not yet authenticated").startsWith("550 5.7.1");
            c.command("RSET");
            assertThat(c.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
            assertThat(c.command(b64("portal"))).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(c.command(b64(PASSWORD))).startsWith("235 2.7.0");
            assertThat(c.command("MAIL FROM:<p@portal.example>")).startsWith("250");
            assertThat(c.command("RCPT TO:<v@example.org>")).startsWith("250");
        }
        assertThat(server.meters.get("mmsguard.gateway.smtp.auth").tag("result", "success").counter().count())
                .isEqualTo(1);
        assertThat(refused("auth-without-tls")).isEqualTo(1);
    }

    @Test
    void wrongPasswordsGet535AndTheThirdOnAConnectionCloses421() throws Exception {
        TlsSettings tls = withAuth();
        try (RawClient c = greeted()) {
            c.command("EHLO client.test");
            c.command("STARTTLS");
            c.startTls(tls.keyStore());
            c.command("EHLO client.test");
            assertThat(c.command("AUTH PLAIN " + plain("portal", "wrong"))).startsWith("535 5.7.8");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("334 ");
            assertThat(c.command(plain("nobody", PASSWORD))).startsWith("535 5.7.8");
            assertThat(c.command("AUTH PLAIN " + plain("portal", "wrong again"))).startsWith("421 4.7.0");
            assertThat(c.closedByServer()).isTrue();
        }
        // portal failed from this address: for a while even its right password is refused here, unchecked, as a
        // temporary failure (a new connection does not reset it)
        try (RawClient c = greeted()) {
            c.command("EHLO client.test");
            c.command("STARTTLS");
            c.startTls(tls.keyStore());
            c.command("EHLO client.test");
            assertThat(c.command("AUTH PLAIN " + plain("portal", PASSWORD))).startsWith("454 4.7.0");
        }
        assertThat(server.meters.get("mmsguard.gateway.smtp.auth").tag("result", "failure").counter().count())
                .isEqualTo(2);
        assertThat(server.meters.get("mmsguard.gateway.smtp.auth").tag("result", "backoff").counter().count())
                .isEqualTo(2);
    }

    @Test
    void mm4AdmitsOnlyAConfiguredPeerSendingForItsOwnDomains() throws Exception {
        Mm4Peers elsewhere = Mm4Peers.of(List.of(new Mm4Peer("b", Set.of("mms.mnc006.mcc260.gprs"),
                Optional.of(TrustedProxies.parse("10.0.0.0/8")), Optional.empty(), Optional.empty())));
        server = SmtpTestServer.accepting(SETTINGS, elsewhere);
        try (RawClient c = greeted()) {
            c.command("EHLO client.test");
            assertThat(c.command("MAIL FROM:<+48600111222/TYPE=PLMN@mms.mnc006.mcc260.gprs>"))
                    .isEqualTo("550 5.7.1 Not a configured MM4 peer");
        }
        server.close();
        Mm4Peers loopback = Mm4Peers.of(List.of(new Mm4Peer("b", Set.of("mms.mnc006.mcc260.gprs"),
                Optional.of(TrustedProxies.loopback()), Optional.empty(), Optional.empty())));
        server = SmtpTestServer.accepting(SETTINGS, loopback);
        try (RawClient c = greeted()) {
            c.command("EHLO client.test");
            assertThat(c.command("MAIL FROM:<+48600111222/TYPE=PLMN@mms.mnc001.mcc001.gprs>"))
                    .startsWith("550 5.7.1");
            assertThat(c.command("MAIL FROM:<+48600111222/TYPE=PLMN@mms.mnc006.mcc260.gprs>")).startsWith("250");
            assertThat(c.command("RCPT TO:<+447700900456/TYPE=PLMN@mms.mnc010.mcc234.gprs>")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            assertThat(c.command("Subject: x\r\n\r\nhi\r\n.")).startsWith("250");
        }
        assertThat(server.next().principal()).isEqualTo("b");
        assertThat(refused("sender-domain")).isEqualTo(1);
    }

    @Test
    void anMm4PeerKnownByItsCertificateIsAdmittedOnlyWithThatCertificateUnderTls() throws Exception {
        io.mmsguard.testkit.tls.TestPki pki = io.mmsguard.testkit.tls.TestPki.create(dir.resolve("pki"));
        TlsSettings tls = TlsSettings.of(pki.serverKeyStore("mx", "ip:127.0.0.1"), pki.password().toCharArray())
                .withClientAuth(TlsSettings.ClientAuth.OPTIONAL,
                        new TlsSettings.TrustStore(pki.trustStore(), pki.password().toCharArray()));
        Mm4Peers byCertificate = Mm4Peers.of(List.of(new Mm4Peer("b", Set.of("mms.mnc006.mcc260.gprs"),
                Optional.empty(), Optional.of("mmsc.mnc006.example"), Optional.empty())));
        server = SmtpTestServer.accepting(SETTINGS.withStartTls(tls), byCertificate);
        String from = "MAIL FROM:<+48600111222/TYPE=PLMN@mms.mnc006.mcc260.gprs>";
        try (RawClient c = greeted()) {
            c.command("EHLO client.test");
            assertThat(c.command(from)).as("no certificate yet").isEqualTo("550 5.7.1 Not a configured MM4 peer");
        }
        try (RawClient c = greeted()) {
            c.command("EHLO client.test");
            assertThat(c.command("STARTTLS")).startsWith("220");
            c.startTls(pki.sslContext(pki.clientKeyStore("mmsc.other.example")));
            c.command("EHLO client.test");
            assertThat(c.command(from)).as("another operator's certificate").startsWith("550 5.7.1");
        }
        try (RawClient c = greeted()) {
            c.command("EHLO client.test");
            assertThat(c.command("STARTTLS")).startsWith("220");
            c.startTls(pki.sslContext(pki.clientKeyStore("mmsc.mnc006.example")));
            c.command("EHLO client.test");
            assertThat(c.command(from)).startsWith("250");
            assertThat(c.command("RCPT TO:<+447700900456/TYPE=PLMN@mms.mnc010.mcc234.gprs>")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            assertThat(c.command("Subject: x\r\n\r\nhi\r\n.")).startsWith("250");
        }
        assertThat(server.next().principal()).isEqualTo("b");
    }

    /** MM3 with STARTTLS and the user "portal": the TLS settings, for the client. */
    private TlsSettings withAuth() throws Exception {
        TlsSettings tls = tls();
        server = SmtpTestServer.accepting(SETTINGS.withStartTls(tls)
                .withUsers(new SmtpUsers(Map.of("portal", PASSWORD), new io.mmsguard.gateway.auth.FailureBackoff(
                        // an hour: no assertion depends on how fast the test runs
                        java.time.Duration.ofHours(1), java.time.Duration.ofHours(4), 100, System::nanoTime))), LOCAL);
        return tls;
    }

    private static String plain(String user, String password) {
        return b64("\u0000" + user + "\u0000" + password);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
