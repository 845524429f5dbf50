package io.mmsguard.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.mmsguard.testkit.smtp.SmtpStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay client against the test-kit's SMTP stub, a closed port, a server that never answers and servers that hang
 * up before or after the data.
 */
class SmtpClientTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private SmtpStub server;

    @AfterEach
    void stop() {
        pool.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private SmtpClient client(int port, Duration commandTimeout) {
        return new SmtpClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "gw.test",
                Duration.ofSeconds(10), commandTimeout, pool);
    }

    private static SmtpReply await(CompletableFuture<SmtpReply> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS); // hang guard only
    }

    @Test
    void aRoundTripKeepsLinesStartingWithADot() throws Exception {
        server = SmtpStub.accepting();
        byte[] data = "Subject: dots\r\n\r\n.\r\n.one\r\n..two\r\nbare\nlf\r\nno final newline"
                .getBytes(StandardCharsets.UTF_8);

        SmtpReply reply = await(client(server.port(), Duration.ofSeconds(30))
                .send("a@mms.mnc010.mcc234.gprs", List.of("b@x", "c@x"), data));

        assertThat(reply).isEqualTo(SmtpReply.of(250, "2.0.0", "queued"));
        SmtpStub.Received tx = server.next();
        assertThat(tx.helo()).isEqualTo("gw.test");
        assertThat(tx.mailFrom()).isEqualTo("a@mms.mnc010.mcc234.gprs");
        assertThat(tx.rcptTo()).containsExactly("b@x", "c@x");
        assertThat(new String(tx.data(), StandardCharsets.UTF_8)).as("line ends normalised to CRLF, one added")
                .isEqualTo("Subject: dots\r\n\r\n.\r\n.one\r\n..two\r\nbare\r\nlf\r\nno final newline\r\n");
    }

    @Test
    void dataOnTheWireIsDotStuffedWithEveryLineEndAsCrlf() throws Exception {
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        SmtpClient.writeData(wire, ".a\rb\r\r\n\n..c\r\n.".getBytes(StandardCharsets.US_ASCII));
        assertThat(wire.toString(StandardCharsets.US_ASCII))
                .isEqualTo("..a\r\nb\r\n\r\n\r\n...c\r\n..\r\n.\r\n");
        wire.reset();
        SmtpClient.writeData(wire, new byte[0]);
        assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo(".\r\n");
    }

    @Test
    void theUpstreamsRefusalIsReturned() throws Exception {
        server = SmtpStub.answeringData("550 5.7.1 Blocked");
        SmtpReply reply = await(client(server.port(), Duration.ofSeconds(30)).send("", List.of("b@x"), new byte[0]));
        assertThat(reply).isEqualTo(SmtpReply.of(550, "5.7.1", "Blocked"));
        assertThat(server.next().data()).isEmpty();
    }

    @Test
    void aRefusedRecipientEndsTheTransaction() throws Exception {
        server = new SmtpStub(rcpt -> rcpt.equals("c@x") ? "452 4.5.3 Too many recipients" : "250 2.1.5 ok",
                tx -> "250 2.0.0 queued");
        SmtpReply reply = await(client(server.port(), Duration.ofSeconds(30))
                .send("a@x", List.of("b@x", "c@x"), "x\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(reply.code()).isEqualTo(452);
        assertThat(reply.enhanced()).isEqualTo("4.5.3");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aServerWithoutEhloGetsHeloAndNoSizeParameter() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ServerSocket old = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<SmtpReply> f = client(old.getLocalPort(), Duration.ofSeconds(30))
                    .send("a@x", List.of("b@x"), "hi".getBytes(StandardCharsets.US_ASCII));
            try (Socket s = old.accept()) {
                s.setSoTimeout(30_000);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                out.write("220 old.test\r\n".getBytes(StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null) {
                    seen.add(line);
                    String answer = line.startsWith("EHLO") ? "502 5.5.2 what?" : line.equals("DATA") ? "354 go"
                            : line.equals("QUIT") ? "221 bye" : line.equals(".") ? "250 accepted"
                            : seen.contains("DATA") ? null : "250 ok";
                    if (answer != null) {
                        out.write((answer + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    if (line.equals("QUIT")) {
                        break;
                    }
                }
            }
            assertThat(await(f)).isEqualTo(SmtpReply.of(250, null, "accepted"));
        }
        assertThat(seen).containsExactly("EHLO gw.test", "HELO gw.test", "MAIL FROM:<a@x>", "RCPT TO:<b@x>", "DATA",
                "hi", ".", "QUIT");
    }

    @Test
    void aClosedPortIs451NotAnException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SmtpReply reply = await(client(port, Duration.ofSeconds(30)).send("a@x", List.of("b@x"), new byte[1]));
        assertThat(reply.code()).isEqualTo(451);
        assertThat(reply.enhanced()).isEqualTo("4.4.1");
    }

    @Test
    void aServerThatNeverAnswersIs451AtTheCommandTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<SmtpReply> f = client(silent.getLocalPort(), Duration.ofMillis(300))
                    .send("a@x", List.of("b@x"), new byte[1]);
            try (Socket accepted = silent.accept()) {
                SmtpReply reply = await(f);
                assertThat(reply.code()).isEqualTo(451);
                assertThat(reply.enhanced()).isEqualTo("4.4.2");
            }
        }
    }

    @Test
    void aClosedPortFailsAsNotSent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(failure(client(port, Duration.ofSeconds(30)).deliver("a@x", List.of("b@x"), new byte[1])))
                .isEqualTo(SmtpRelayFailure.Stage.NOT_SENT);
    }

    @Test
    void aServerThatNeverAnswersFailsAsNotSentAtTheCommandTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<SmtpReply> f = client(silent.getLocalPort(), Duration.ofMillis(300))
                    .deliver("a@x", List.of("b@x"), new byte[1]);
            try (Socket accepted = silent.accept()) {
                assertThat(failure(f)).isEqualTo(SmtpRelayFailure.Stage.NOT_SENT);
            }
        }
    }

    @Test
    void aServerThatHangsUpBeforeTheDataFailsAsNotSent() throws Exception {
        server = new SmtpStub(rcpt -> {
            throw new IllegalStateException("test stub hangs up at RCPT");
        }, tx -> "250 2.0.0 queued");

        assertThat(failure(client(server.port(), Duration.ofSeconds(30)).deliver("a@x", List.of("b@x"),
                "x\r\n".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(SmtpRelayFailure.Stage.NOT_SENT);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aServerThatHangsUpAfterTheWholeDataFailsAsNoAnswer() throws Exception {
        server = new SmtpStub(rcpt -> "250 2.1.5 ok", tx -> {
            throw new IllegalStateException("test stub hangs up instead of answering the data");
        });

        assertThat(failure(client(server.port(), Duration.ofSeconds(30)).deliver("a@x", List.of("b@x"),
                "x\r\n".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(SmtpRelayFailure.Stage.NO_ANSWER);
        assertThat(server.next().data()).isEqualTo("x\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The stage of the relay's failure (the future must fail, and with a {@link SmtpRelayFailure}). */
    private static SmtpRelayFailure.Stage failure(CompletableFuture<SmtpReply> f) throws Exception {
        try {
            SmtpReply reply = await(f);
            throw new AssertionError("expected a failure, got " + reply);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SmtpRelayFailure.class);
            return ((SmtpRelayFailure) e.getCause()).stage();
        }
    }
}
