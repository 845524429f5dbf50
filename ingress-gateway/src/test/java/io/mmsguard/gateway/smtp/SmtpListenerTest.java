package io.mmsguard.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.mmsguard.gateway.LogCapture;
import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.gateway.smtp.SmtpTestServer.RawClient;
import io.mmsguard.gateway.tls.TlsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server state machine on real sockets, with hand-written (and deliberately wrong) SMTP. */
class SmtpListenerTest {
    private static final SmtpServerSettings SETTINGS = SmtpServerSettings.defaults("mx.test", 10_000);
    private SmtpTestServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawClient greeted(SmtpTestServer s) throws Exception {
        server = s;
        RawClient c = new RawClient(s.port());
        assertThat(c.reply()).startsWith("220 mx.test");
        return c;
    }

    @Test
    void badCommandsGet500And501AndOutOfOrderOnesGet503() throws Exception {
        try (RawClient c = greeted(SmtpTestServer.accepting(SETTINGS))) {
            assertThat(c.command("MAIL FROM:<a@x>")).startsWith("503 5.5.1");
            assertThat(c.command("EHLO")).startsWith("501 ");
            String ehlo = c.command("EHLO client.test");
            assertThat(ehlo.split("\n")).containsExactly("250-mx.test", "250-PIPELINING", "250-SIZE 10000",
                    "250-8BITMIME", "250 ENHANCEDSTATUSCODES");
            assertThat(c.command("XYZZY")).startsWith("500 5.5.2");
            assertThat(c.command("")).startsWith("500 5.5.2");
            assertThat(c.command("RCPT TO:<b@y>")).startsWith("503 5.5.1");
            assertThat(c.command("DATA")).startsWith("503 5.5.1");
            assertThat(c.command("MAIL FROM:a@x")).startsWith("501 5.5.4");
            assertThat(c.command("MAIL FROM:<a@x> SIZE=abc")).startsWith("501 5.5.4");
            assertThat(c.command("MAIL FROM:<a@x> SIZE=10001")).startsWith("552 5.3.4");
            assertThat(c.command("MAIL FROM:<a@x> FOO=1")).startsWith("555 5.5.4");
            assertThat(c.command("MAIL FROM:<a@x> SIZE=100 BODY=8BITMIME")).startsWith("250 2.1.0");
            assertThat(c.command("MAIL FROM:<a@x>")).startsWith("503 5.5.1");
            assertThat(c.command("DATA")).as("no recipient yet").startsWith("503 5.5.1");
            assertThat(c.command("RCPT TO:<>")).startsWith("501 ");
            assertThat(c.command("VRFY someone")).startsWith("252 ");
            assertThat(c.command("NOOP")).startsWith("250 2.0.0");
            assertThat(c.command("STARTTLS")).as("not configured").startsWith("454 4.7.0");
            assertThat(c.command("QUIT")).startsWith("221 2.0.0");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(server.received).isEmpty();
    }

    @Test
    void dotStuffedLinesArriveUnstuffedWithCrlfLineEnds() throws Exception {
        try (RawClient c = greeted(SmtpTestServer.accepting(SETTINGS))) {
            c.command("HELO client.test");
            assertThat(c.command("MAIL FROM:<>")).startsWith("250");
            assertThat(c.command("RCPT TO:<+447700900456/TYPE=PLMN@mms.mnc010.mcc234.gprs>")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            assertThat(c.command("Subject: x\r\n\r\n..\r\n..leading\r\nin.the middle\r\n.")).startsWith("250 2.0.0");
        }
        SmtpTransaction tx = server.next();
        assertThat(tx.helo()).isEqualTo("client.test");
        assertThat(tx.mailFrom()).isEmpty();
        assertThat(tx.rcptTo()).containsExactly("+447700900456/TYPE=PLMN@mms.mnc010.mcc234.gprs");
        assertThat(tx.tls()).isFalse();
        assertThat(new String(tx.data(), StandardCharsets.UTF_8))
                .isEqualTo("Subject: x\r\n\r\n.\r\n.leading\r\nin.the middle\r\n");
    }

    @Test
    void aBareCrOrLfIsRefusedWith550_5_6_0AndCountedByDefault() throws Exception {
        try (RawClient c = greeted(SmtpTestServer.accepting(SETTINGS))) {
            c.command("EHLO client.test");
            c.startData();
            // the smuggled boundary: a bare CR right before --B
            assertThat(c.command("Subject: x\r\n\r\nhi\r--B\r\n.")).startsWith("550 5.6.0");
            assertThat(c.command("RCPT TO:<b@y>")).as("the transaction was reset").startsWith("503");
            c.startData();
            assertThat(c.command("Subject: y\r\n\r\nbare\nlf.\n.\r\n.")).as("a bare LF neither ends a line nor DATA")
                    .startsWith("550 5.6.0");
            c.startData();
            assertThat(c.command("Subject: z\r\n\r\nclean\r\n.")).startsWith("250");
        }
        assertThat(new String(server.next().data(), StandardCharsets.UTF_8)).startsWith("Subject: z");
        assertThat(server.received).isEmpty();
        assertThat(server.meters.get("mmsguard.gateway.smtp.bare-newlines").tag("action", "refused").counter()
                .count()).isEqualTo(2);
    }

    @Test
    void underNormaliseEveryBareCrAndLfBecomesCrlfBeforeTheHandlerSeesTheData() throws Exception {
        try (RawClient c = greeted(SmtpTestServer.accepting(SETTINGS.withBareNewlines(BareNewlines.NORMALISE)))) {
            c.command("EHLO client.test");
            c.startData();
            // only a CRLF line start is dot-stuffed, so ".\n" after a bare LF stays as it is (and is no end of data)
            assertThat(c.command("Subject: x\r\n\r\nhi\r--B\r\n..\r\nbare\nlf.\n.\n\r.\r\n.")).startsWith("250");
        }
        assertThat(new String(server.next().data(), StandardCharsets.UTF_8))
                .isEqualTo("Subject: x\r\n\r\nhi\r\n--B\r\n.\r\nbare\r\nlf.\r\n.\r\n\r\n.\r\n");
        assertThat(server.meters.get("mmsguard.gateway.smtp.bare-newlines").tag("action", "normalised").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void tooLongLinesAreRefusedAndTheConnectionStaysUsable() throws Exception {
        try (RawClient c = greeted(SmtpTestServer.accepting(SETTINGS))) {
            assertThat(c.command("NOOP " + "x".repeat(2000))).startsWith("500 5.5.2 Line too long");
            assertThat(c.command("EHLO client.test")).startsWith("250");
            c.startData();
            assertThat(c.command("ok\r\n" + "y".repeat(999) + "\r\nafter\r\n.")).startsWith("500 5.5.2");
            assertThat(c.command("RCPT TO:<b@y>")).as("the transaction was reset").startsWith("503");
            c.startData();
            assertThat(c.command("y".repeat(998) + "\r\n.")).as("998 is allowed").startsWith("250");
        }
        assertThat(server.next().data()).hasSize(1000);
        assertThat(server.received).isEmpty();
    }

    @Test
    void aMessageOverTheSizeLimitIsReadToTheEndThen552() throws Exception {
        try (RawClient c = greeted(SmtpTestServer.accepting(SETTINGS))) {
            c.command("EHLO client.test");
            c.startData();
            assertThat(c.command(("z".repeat(900) + "\r\n").repeat(20) + ".")).startsWith("552 5.3.4");
            assertThat(c.command("NOOP")).as("still in command mode").startsWith("250");
        }
        assertThat(server.received).isEmpty();
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (RawClient c = greeted(SmtpTestServer.accepting(SETTINGS))) {
            c.command("EHLO client.test");
            c.send("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nRCPT TO:<bad>x\r\nRCPT TO:<c@y>\r\nDATA\r\n");
            assertThat(c.reply()).startsWith("250 2.1.0");
            assertThat(c.reply()).startsWith("250 2.1.5");
            assertThat(c.reply()).startsWith("555 ");
            assertThat(c.reply()).startsWith("250 2.1.5");
            assertThat(c.reply()).startsWith("354");
            c.send("one\r\n.\r\nRSET\r\nMAIL FROM:<d@x>\r\nRCPT TO:<e@y>\r\nRSET\r\nRCPT TO:<f@y>\r\nQUIT\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0 queued");
            assertThat(c.reply()).startsWith("250 2.0.0");
            assertThat(c.reply()).startsWith("250 2.1.0");
            assertThat(c.reply()).startsWith("250 2.1.5");
            assertThat(c.reply()).startsWith("250 2.0.0");
            assertThat(c.reply()).as("RSET ended the transaction").startsWith("503");
            assertThat(c.reply()).startsWith("221");
        }
        SmtpTransaction tx = server.next();
        assertThat(tx.rcptTo()).containsExactly("b@y", "c@y");
        assertThat(tx.data()).isEqualTo("one\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void afterStartTlsPlaintextLeftoversAreDroppedAndEhloIsRequiredAgain() throws Exception {
        Path keyStore = SmtpTestServer.keyStore(dir);
        SmtpServerSettings tls = SETTINGS.withStartTls(TlsSettings.of(keyStore,
                "changeit".toCharArray()));
        try (RawClient c = greeted(SmtpTestServer.accepting(tls))) {
            assertThat(c.command("EHLO client.test")).endsWith("\n250 STARTTLS");
            c.send("STARTTLS\r\nMAIL FROM:<injected@x>\r\n");
            assertThat(c.reply()).startsWith("220 2.0.0");
            c.startTls(keyStore);
            assertThat(c.command("MAIL FROM:<a@x>")).as("EHLO again first").startsWith("503 5.5.1");
            assertThat(c.command("EHLO client.test")).doesNotContain("STARTTLS");
            assertThat(c.command("STARTTLS")).startsWith("503");
            c.startData(); // no MAIL was injected: this MAIL is accepted
            assertThat(c.command("secret\r\n.")).startsWith("250");
        }
        assertThat(server.next().tls()).isTrue();
    }

    /** Found by the fuzz run (docs/security.md): each such connection logged a WARN with a stack trace. */
    @Test
    void plainTextAfterStartTlsClosesTheConnectionWithOneLineInTheLog() throws Exception {
        Path keyStore = SmtpTestServer.keyStore(dir);
        SmtpServerSettings tls = SETTINGS.withStartTls(TlsSettings.of(keyStore,
                "changeit".toCharArray()));
        try (LogCapture log = new LogCapture(); RawClient c = greeted(SmtpTestServer.accepting(tls))) {
            assertThat(c.command("EHLO client.test")).endsWith("\n250 STARTTLS");
            assertThat(c.command("STARTTLS")).startsWith("220 2.0.0");
            c.send("EHLO fuzz.example\r\n");

            assertThat(c.closedByServer()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> log.text().contains("closed: "));
            assertThat(log.text()).contains("not an SSL/TLS record").doesNotContain("\tat ").doesNotContain(" WARN ");
        }
    }

    @Test
    void tooManyRecipientsGet452() throws Exception {
        SmtpServerSettings two = new SmtpServerSettings("mx.test", 10_000, 998, 2, Duration.ofMinutes(5),
                Optional.empty());
        try (RawClient c = greeted(SmtpTestServer.accepting(two))) {
            c.command("EHLO client.test");
            c.command("MAIL FROM:<a@x>");
            assertThat(c.command("RCPT TO:<1@y>")).startsWith("250");
            assertThat(c.command("RCPT TO:<2@y>")).startsWith("250");
            assertThat(c.command("RCPT TO:<3@y>")).startsWith("452 4.5.3");
        }
    }

    @Test
    void theDataReplyIsHeldUntilTheDecisionAndAFailedDecisionIs451() throws Exception {
        CompletableFuture<SmtpReply> first = new CompletableFuture<>();
        CompletableFuture<SmtpReply> second = new CompletableFuture<>();
        java.util.Iterator<CompletableFuture<SmtpReply>> decisions = java.util.List.of(first, second).iterator();
        try (RawClient c = greeted(new SmtpTestServer(SETTINGS, 10, tx -> decisions.next()))) {
            c.command("EHLO client.test");
            c.startData();
            c.send("one\r\n.\r\nNOOP\r\n");
            server.next();
            first.complete(SmtpReply.of(550, "5.7.1", "Blocked: virus"));
            assertThat(c.reply()).isEqualTo("550 5.7.1 Blocked: virus");
            assertThat(c.reply()).as("the pipelined NOOP after the decision").startsWith("250 2.0.0");
            c.startData();
            c.send("two\r\n.\r\n");
            server.next();
            second.completeExceptionally(new IllegalStateException("test"));
            assertThat(c.reply()).startsWith("451 4.3.0");
        }
    }

    @Test
    void aSilentClientGets421AtTheCommandTimeout() throws Exception {
        try (RawClient c = greeted(SmtpTestServer.accepting(SETTINGS.withCommandTimeout(Duration.ofMillis(200))))) {
            assertThat(c.reply()).startsWith("421 4.4.2");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void connectionsOverTheLimitAreClosedAndCounted() throws Exception {
        try (RawClient c = greeted(new SmtpTestServer(SETTINGS, 1,
                tx -> CompletableFuture.completedFuture(SmtpReply.of(250, "2.0.0", "ok"))));
             RawClient second = new RawClient(server.port())) {
            assertThat(second.closedByServer()).isTrue();
            assertThat(c.command("NOOP")).startsWith("250");
        }
        assertThat(server.meters.get("mmsguard.gateway.connections.rejected").counter().count()).isEqualTo(1);
    }

    @Test
    void connectionsOverThePerAddressCapAreClosedAndCountedWhileOtherAddressesAreGreeted() throws Exception {
        ListenerSettings perAddressTwo = new ListenerSettings("smtp-test", "127.0.0.1", 0, 100, 1024, 1024,
                Duration.ofSeconds(60), Duration.ofSeconds(60), Optional.empty(), Duration.ofSeconds(10), 2,
                io.mmsguard.gateway.http.TrustedProxies.NONE);
        try (RawClient a1 = greeted(new SmtpTestServer(perAddressTwo, SETTINGS,
                tx -> CompletableFuture.completedFuture(SmtpReply.of(250, "2.0.0", "ok"))));
             RawClient a2 = new RawClient(server.port())) {
            assertThat(a2.reply()).startsWith("220 mx.test"); // admitted before the third one connects
            try (RawClient a3 = new RawClient(server.port())) {
                assertThat(a3.closedByServer()).as("the third from 127.0.0.1").isTrue();
            }
            try (RawClient other = new RawClient("127.0.0.2", server.port())) {
                assertThat(other.reply()).as("another address is unaffected").startsWith("220 mx.test");
            }
            assertThat(a1.command("NOOP")).startsWith("250");
        }
        assertThat(server.meters.get("mmsguard.gateway.connections.rejected")
                .tag("limit", "max-connections-per-address").counter().count()).isEqualTo(1);
    }
}
