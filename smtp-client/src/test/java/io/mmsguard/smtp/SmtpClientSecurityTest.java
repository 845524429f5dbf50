package io.mmsguard.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.mmsguard.smtp.SmtpClientSecurity.Credentials;
import io.mmsguard.smtp.SmtpClientSecurity.Policy;
import io.mmsguard.smtp.SmtpClientSecurity.Tls;
import io.mmsguard.testkit.smtp.SmtpStub;
import io.mmsguard.testkit.tls.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS (required and opportunistic), implicit TLS and AUTH of the relay client, against the test-kit's SMTP stub
 * with real TLS (certificates of a {@link TestPki}) and a raw socket for the STARTTLS response injection.
 */
class SmtpClientSecurityTest {
    private static final String USER = "relay-user";
    private static final String PASSWORD = "s3cret-pässwörd";
    private static final byte[] DATA = "Subject: tls\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;
    private static TestPki pki;
    /** The upstream's key: a certificate for localhost from {@link #pki}. */
    private static SSLContext localhost;
    /** A certificate from {@link #pki} for another name. */
    private static SSLContext otherName;
    /** A certificate for localhost from a CA the client does not trust. */
    private static SSLContext untrusted;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private SmtpStub server;

    @BeforeAll
    static void certificates() {
        pki = TestPki.create(dir.resolve("ca"));
        localhost = TestPki.sslContext(pki.serverKeyStore("localhost", "dns:localhost"), pki.trustStore());
        otherName = TestPki.sslContext(pki.serverKeyStore("mmsc.other.example", "dns:mmsc.other.example"),
                pki.trustStore());
        TestPki stranger = TestPki.create(dir.resolve("stranger"));
        untrusted = TestPki.sslContext(stranger.serverKeyStore("localhost", "dns:localhost"), stranger.trustStore());
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private SmtpClient client(int port, Tls tls, Credentials credentials) {
        SmtpClientSecurity security = new Policy(tls, Optional.ofNullable(credentials)).with(pki.sslContext(null));
        return new SmtpClient(InetSocketAddress.createUnresolved("localhost", port), "gw.test",
                Duration.ofSeconds(10), Duration.ofSeconds(30), pool, security);
    }

    private static Credentials credentials(String password) {
        return new Credentials(USER, password.toCharArray());
    }

    private static SmtpStub.Tls startTls(SSLContext key, String mechanisms) {
        return new SmtpStub.Tls(key, false, Map.of(USER, PASSWORD), mechanisms);
    }

    private static SmtpReply await(CompletableFuture<SmtpReply> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS); // hang guard only
    }

    /** The relay's failure: NOT_SENT with 451 4.7.0 is what every security failure must be. */
    private static SmtpRelayFailure failure(CompletableFuture<SmtpReply> f) throws Exception {
        try {
            SmtpReply reply = await(f);
            throw new AssertionError("expected a failure, got " + reply);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SmtpRelayFailure.class);
            return (SmtpRelayFailure) e.getCause();
        }
    }

    private static void assertNotSent451(SmtpRelayFailure f) {
        assertThat(f.stage()).isEqualTo(SmtpRelayFailure.Stage.NOT_SENT);
        assertThat(f.reply().code()).isEqualTo(451);
        assertThat(f.reply().enhanced()).isEqualTo("4.7.0");
        assertThat(f.getMessage()).doesNotContain(PASSWORD);
    }

    @Test
    void requiredTlsAgainstAServerWithoutStartTlsSendsNothing() throws Exception {
        server = SmtpStub.accepting();

        assertNotSent451(failure(client(server.port(), Tls.REQUIRED, null).deliver("a@x", List.of("b@x"), DATA)));
        assertThat(client(server.port(), Tls.REQUIRED, null).send("a@x", List.of("b@x"), DATA).get(60,
                TimeUnit.SECONDS)).isEqualTo(SmtpReply.of(451, "4.7.0", "Upstream TLS or authentication failed"));
        assertThat(server.received()).isEmpty();
    }

    @Test
    void requiredTlsRefusesAnUntrustedCertificate() throws Exception {
        server = SmtpStub.secured(SmtpStub.Tls.startTls(untrusted));

        assertNotSent451(failure(client(server.port(), Tls.REQUIRED, null).deliver("a@x", List.of("b@x"), DATA)));
        assertThat(server.received()).isEmpty();
    }

    @Test
    void requiredTlsRefusesACertificateForAnotherHostName() throws Exception {
        server = SmtpStub.secured(SmtpStub.Tls.startTls(otherName));

        assertNotSent451(failure(client(server.port(), Tls.REQUIRED, null).deliver("a@x", List.of("b@x"), DATA)));
        assertThat(server.received()).isEmpty();
    }

    @Test
    void opportunisticTlsDeliversInPlainToAServerWithoutStartTls() throws Exception {
        server = SmtpStub.accepting();

        assertThat(await(client(server.port(), Tls.OPPORTUNISTIC, null).deliver("a@x", List.of("b@x"), DATA)))
                .isEqualTo(SmtpReply.of(250, "2.0.0", "queued"));
        SmtpStub.Received tx = server.next();
        assertThat(tx.tls()).isFalse();
        assertThat(tx.commands()).doesNotContain("STARTTLS");
    }

    @Test
    void opportunisticTlsDoesNotFallBackToPlainOnceStartTlsWasOffered() throws Exception {
        server = SmtpStub.secured(SmtpStub.Tls.startTls(untrusted));

        assertNotSent451(failure(client(server.port(), Tls.OPPORTUNISTIC, null).deliver("a@x", List.of("b@x"),
                DATA)));
        assertThat(server.received()).isEmpty();
    }

    @Test
    void afterStartTlsTheDataGoesOverTlsAfterASecondEhlo() throws Exception {
        server = SmtpStub.secured(SmtpStub.Tls.startTls(localhost));

        assertThat(await(client(server.port(), Tls.REQUIRED, null).deliver("a@x", List.of("b@x"), DATA)))
                .isEqualTo(SmtpReply.of(250, "2.0.0", "queued"));
        SmtpStub.Received tx = server.next();
        assertThat(tx.tls()).isTrue();
        assertThat(tx.commands()).containsExactly("EHLO gw.test", "STARTTLS", "EHLO gw.test",
                "MAIL FROM:<a@x> SIZE=" + DATA.length, "RCPT TO:<b@x>", "DATA");
        assertThat(tx.data()).isEqualTo(DATA);
    }

    @Test
    void aReplyInjectedBehindThe220ToStartTlsIsRefused() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ServerSocket injector = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<SmtpReply> f = client(injector.getLocalPort(), Tls.REQUIRED, null)
                    .deliver("a@x", List.of("b@x"), DATA);
            try (Socket s = injector.accept()) {
                s.setSoTimeout(30_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                out.write("220 injector.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null) {
                    seen.add(line);
                    if (line.startsWith("EHLO")) {
                        out.write("250-injector.test\r\n250 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else if (line.equals("STARTTLS")) {
                        // one write: the second reply would answer the client's first command under TLS
                        out.write("220 go\r\n250 injected\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write("250 ok\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                }
            }
            assertNotSent451(failure(f));
        }
        assertThat(seen).containsExactly("EHLO gw.test", "STARTTLS");
    }

    /** A delivery under STARTTLS to an upstream advertising {@code mechanisms}, which it accepted as {@link #USER}. */
    private SmtpStub.Received deliveredAuthenticated(String mechanisms) throws Exception {
        server = SmtpStub.secured(startTls(localhost, mechanisms));
        assertThat(await(client(server.port(), Tls.REQUIRED, credentials(PASSWORD)).deliver("a@x", List.of("b@x"),
                DATA))).isEqualTo(SmtpReply.of(250, "2.0.0", "queued"));
        SmtpStub.Received tx = server.next();
        assertThat(tx.authUser()).isEqualTo(USER);
        return tx;
    }

    @Test
    void authPlainSendsTheUserAndPasswordAfterTls() throws Exception {
        SmtpStub.Received tx = deliveredAuthenticated("LOGIN PLAIN");
        String token = Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(tx.commands()).containsExactly("EHLO gw.test", "STARTTLS", "EHLO gw.test", "AUTH PLAIN " + token,
                "MAIL FROM:<a@x> SIZE=" + DATA.length, "RCPT TO:<b@x>", "DATA");
    }

    @Test
    void authLoginWhenPlainIsNotOffered() throws Exception {
        SmtpStub.Received tx = deliveredAuthenticated("LOGIN");
        Base64.Encoder b64 = Base64.getEncoder();
        assertThat(tx.commands()).containsSubsequence("AUTH LOGIN",
                b64.encodeToString(USER.getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)), "MAIL FROM:<a@x> SIZE=" + DATA.length);
    }

    @Test
    void refusedCredentialsAreNotSent451() throws Exception {
        server = SmtpStub.secured(startTls(localhost, "PLAIN LOGIN"));

        assertNotSent451(failure(client(server.port(), Tls.REQUIRED, credentials("wrong-password"))
                .deliver("a@x", List.of("b@x"), DATA)));
        assertThat(server.received()).isEmpty();
    }

    @Test
    void noUsableAuthMechanismIsNotSent451() throws Exception {
        server = SmtpStub.secured(startTls(localhost, "CRAM-MD5"));

        assertNotSent451(failure(client(server.port(), Tls.REQUIRED, credentials(PASSWORD))
                .deliver("a@x", List.of("b@x"), DATA)));
        assertThat(server.received()).isEmpty();
    }

    @Test
    void implicitTlsSpeaksTlsFromTheFirstByte() throws Exception {
        server = SmtpStub.secured(new SmtpStub.Tls(localhost, true, Map.of(USER, PASSWORD), "PLAIN"));

        assertThat(await(client(server.port(), Tls.IMPLICIT, credentials(PASSWORD)).deliver("a@x", List.of("b@x"),
                DATA))).isEqualTo(SmtpReply.of(250, "2.0.0", "queued"));
        SmtpStub.Received tx = server.next();
        assertThat(tx.tls()).isTrue();
        assertThat(tx.authUser()).isEqualTo(USER);
        assertThat(tx.commands()).doesNotContain("STARTTLS").startsWith("EHLO gw.test");
    }

    @Test
    void implicitTlsToAPlainServerIsNotSent() throws Exception {
        server = SmtpStub.accepting();

        SmtpRelayFailure f = failure(client(server.port(), Tls.IMPLICIT, null).deliver("a@x", List.of("b@x"), DATA));
        assertThat(f.stage()).isEqualTo(SmtpRelayFailure.Stage.NOT_SENT);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void credentialsWithoutGuaranteedTlsAreRefusedNamingTheKey() {
        Map<String, String> values = Map.of("x.tls", "opportunistic", "x.user", USER, "x.password", PASSWORD);
        assertThatThrownBy(() -> Policy.read("x.tls", "x.user", "x.password",
                k -> Optional.ofNullable(values.get(k)), k -> Optional.ofNullable(values.get(k)).map(String::toCharArray)))
                .isInstanceOfSatisfying(SmtpClientSecurity.InvalidSetting.class,
                        e -> assertThat(e.key()).isEqualTo("x.tls"));
        assertThatThrownBy(() -> new Policy(Tls.NONE, Optional.of(credentials(PASSWORD))))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, String> noPassword = Map.of("x.tls", "required", "x.user", USER);
        assertThatThrownBy(() -> Policy.read("x.tls", "x.user", "x.password",
                k -> Optional.ofNullable(noPassword.get(k)), k -> Optional.empty()))
                .isInstanceOfSatisfying(SmtpClientSecurity.InvalidSetting.class,
                        e -> assertThat(e.key()).isEqualTo("x.password"));
        assertThat(Policy.read("x.tls", "x.user", "x.password", k -> Optional.empty(), k -> Optional.empty()))
                .isEqualTo(Policy.NONE);
        assertThat(credentials(PASSWORD).toString()).doesNotContain(PASSWORD);
    }
}
