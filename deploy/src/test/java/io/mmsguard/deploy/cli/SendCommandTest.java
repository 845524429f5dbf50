package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MailParser;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.codec.mm4.Mm4Message;
import io.mmsguard.codec.mm4.Mm4MessageType;
import io.mmsguard.codec.mm4.Mm4ReadResult;
import io.mmsguard.codec.mm4.Mm4Reader;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Responses;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.testkit.smtp.SmtpStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mmsguard send}: real protocol bytes against stub servers on loopback sockets. */
class SendCommandTest {
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I',
        'F'};

    private final CliRun run = new CliRun();
    private HttpServer http;

    @TempDir
    Path dir;

    /** One request as the stub received it. */
    record Request(String contentType, String authorization, byte[] body) {
    }

    @BeforeAll
    static void noDelay() {
        // Without it the JDK server delays small responses by Nagle's algorithm on some systems.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @AfterEach
    void stopHttp() {
        if (http != null) {
            http.stop(0);
        }
    }

    @Test
    void mm1SendsTheMSendReqAndReportsAnOkConf() throws Exception {
        BlockingQueue<Request> requests = mmsc(req -> Mm1Encoder.encode(MmsPdus.sendConf(
                new Mm1Decoder().decode(req.body()).transactionId(), MmsPdus.MMS_1_2, StatusCodes.OK, "accepted",
                "msg-0001")));
        Path photo = Files.write(dir.resolve("photo.jpg"), JPEG);

        int code = run.execute("send", "mm1", "--url", url("/mms"), "--from", "+4917011111111",
                "--to", "+4917022222222", "--to", "bob@example.com", "--subject", "Hello", "--text", "see you",
                "--attach", photo.toString(), "--msisdn-header", "x-up-calling-line-id=+4917011111111");

        assertThat(code).as(run.err()).isZero();
        assertThat(run.out()).contains("Status   Ok (0x80)", "Text     accepted", "Message  msg-0001");
        Request req = next(requests);
        assertThat(req.contentType()).isEqualTo("application/vnd.wap.mms-message");
        MmsPdu pdu = new Mm1Decoder().decode(req.body());
        assertThat(pdu.messageType()).isEqualTo(MessageType.SEND_REQ);
        assertThat(pdu.mmsVersion()).isEqualTo("1.2");
        assertThat(pdu.from().text()).isEqualTo("+4917011111111/TYPE=PLMN");
        assertThat(pdu.to()).containsExactly("+4917022222222/TYPE=PLMN", "bob@example.com");
        assertThat(pdu.subject()).isEqualTo("Hello");
        List<MessagePart> parts = pdu.parts();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).contentType()).isEqualTo("text/plain");
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("see you");
        assertThat(parts.get(1).contentType()).isEqualTo("image/jpeg");
        assertThat(parts.get(1).name()).isEqualTo("photo.jpg");
        assertThat(parts.get(1).contentLocation()).isEqualTo("photo.jpg");
        assertThat(parts.get(1).content()).isEqualTo(JPEG);
    }

    @Test
    void mm1ReportsARefusalWithItsStatusAndExitsOne() throws Exception {
        BlockingQueue<Request> requests = mmsc(req -> Mm1Encoder.encode(MmsPdus.sendConf(
                new Mm1Decoder().decode(req.body()).transactionId(), MmsPdus.MMS_1_2,
                StatusCodes.ERROR_PERMANENT_SERVICE_DENIED, "blocked: virus", null)));

        int code = run.execute("send", "mm1", "--url", url("/mms"), "--from", "+4917011111111",
                "--to", "+4917022222222", "--text", "hi");

        assertThat(code).isEqualTo(1);
        assertThat(run.out()).contains("Error-permanent-service-denied (0xE1)", "blocked: virus");
        assertThat(next(requests).body()).isNotEmpty();
    }

    @Test
    void mm7SubmitsAndReportsSuccess() throws Exception {
        BlockingQueue<Request> requests = mmsc(req -> mm7Answer(req, Mm7StatusCode.SUCCESS));

        Path password = Files.writeString(dir.resolve("vasp1.password"), "secret\n");
        int code = run.execute("send", "mm7", "--url", url("/mm7"), "--vasp-id", "vasp1", "--vas-id", "news",
                "--user", "vasp1", "--password-file", password.toString(), "--to", "+4917022222222", "--from", "12345",
                "--subject", "News", "--text", "today's news");

        assertThat(code).as(run.err()).isZero();
        assertThat(run.out()).contains("StatusCode  1000", "StatusText  Success", "MessageID   mm7-msg-1");
        Request req = next(requests);
        assertThat(req.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("vasp1:secret".getBytes(StandardCharsets.UTF_8)));
        Mm7Message submit = new Mm7Decoder().decode(req.body(), req.contentType());
        assertThat(submit.operation()).isEqualTo(Mm7Operation.SUBMIT_REQ);
        assertThat(submit.namespace()).isEqualTo(Mm7Namespace.REL_6_MM7_1_4);
        assertThat(submit.vaspId()).isEqualTo("vasp1");
        assertThat(submit.vasId()).isEqualTo("news");
        assertThat(submit.senderAddress()).isEqualTo(Mm7Address.number("12345"));
        assertThat(submit.recipients().to()).containsExactly(Mm7Address.number("+4917022222222"));
        assertThat(submit.subject()).isEqualTo("News");
        assertThat(submit.content()).singleElement().satisfies(p -> {
            assertThat(p.contentType()).isEqualTo("text/plain");
            assertThat(new String(p.content(), StandardCharsets.UTF_8)).isEqualTo("today's news");
        });
    }

    @Test
    void mm7RefusesAPasswordOnTheCommandLine() {
        int code = run.execute("send", "mm7", "--url", "http://127.0.0.1:9/mm7", "--vasp-id", "vasp1",
                "--user", "vasp1", "--password", "secret", "--to", "+4917022222222", "--text", "x");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--password is not accepted", "--password-file", "MMSGUARD_MM7_PASSWORD");
    }

    @Test
    void mm7ReportsAnErrorStatusAndExitsOne() throws Exception {
        mmsc(req -> mm7Answer(req, Mm7StatusCode.VALIDATION_ERROR));

        int code = run.execute("send", "mm7", "--url", url("/mm7"), "--vasp-id", "vasp1",
                "--to", "+4917022222222", "--text", "x");

        assertThat(code).isEqualTo(1);
        assertThat(run.out()).contains("StatusCode  4004", "Validation error");
    }

    @Test
    void mm3SendsAMailWithItsEnvelope() throws Exception {
        Path doc = Files.writeString(dir.resolve("notes.txt"), "attached notes");
        try (SmtpStub smtp = SmtpStub.accepting()) {
            int code = run.execute("send", "mm3", "--smtp", "127.0.0.1:" + smtp.port(), "--from", "alice@example.org",
                    "--to", "+4917022222222/TYPE=PLMN@mms.example", "--subject", "Hi", "--text", "hello there",
                    "--attach", doc.toString(), "--content-type", "application/x-notes");

            assertThat(code).as(run.err()).isZero();
            assertThat(run.out()).contains("SMTP 250 2.0.0 queued");
            SmtpStub.Received tx = smtp.next();
            assertThat(tx.mailFrom()).isEqualTo("alice@example.org");
            assertThat(tx.rcptTo()).containsExactly("+4917022222222/TYPE=PLMN@mms.example");
            MailMessage mail = new MailParser().parse(tx.data());
            assertThat(mail.from().address()).isEqualTo("alice@example.org");
            assertThat(mail.to()).extracting(a -> a.address()).containsExactly("+4917022222222/TYPE=PLMN@mms.example");
            assertThat(mail.subject()).isEqualTo("Hi");
            assertThat(mail.headers().contains("X-Mms-Message-Type")).isFalse();
            assertThat(mail.parts()).hasSize(2);
            assertThat(new String(mail.parts().get(0).content(), StandardCharsets.UTF_8)).isEqualTo("hello there");
            assertThat(mail.parts().get(1).contentType()).isEqualTo("application/x-notes");
            assertThat(mail.parts().get(1).name()).isEqualTo("notes.txt");
            assertThat(new String(mail.parts().get(1).content(), StandardCharsets.UTF_8)).isEqualTo("attached notes");
        }
    }

    @Test
    void mm3ReportsARefusedMessageAndExitsOne() throws Exception {
        try (SmtpStub smtp = SmtpStub.answeringData("550 5.7.1 blocked by policy")) {
            int code = run.execute("send", "mm3", "--smtp", "127.0.0.1:" + smtp.port(), "--from", "a@example.org",
                    "--to", "b@example.org", "--text", "x");

            assertThat(code).isEqualTo(1);
            assertThat(run.out()).contains("SMTP 550 5.7.1 blocked by policy");
        }
    }

    @Test
    void mm4SendsAValidForwardReq() throws Exception {
        try (SmtpStub smtp = SmtpStub.accepting()) {
            int code = run.execute("send", "mm4", "--smtp", "127.0.0.1:" + smtp.port(),
                    "--from", "+4917011111111/TYPE=PLMN@mms.example",
                    "--to", "+4917022222222/TYPE=PLMN@mms.peer.example",
                    "--originator-system", "system@mms.example", "--transaction-id", "tx-42", "--subject", "Hi",
                    "--text", "over MM4");

            assertThat(code).as(run.err()).isZero();
            SmtpStub.Received tx = smtp.next();
            assertThat(tx.mailFrom()).isEqualTo("+4917011111111/TYPE=PLMN@mms.example");
            assertThat(tx.rcptTo()).containsExactly("+4917022222222/TYPE=PLMN@mms.peer.example");
            Mm4ReadResult read = Mm4Reader.read(new MailParser().parse(tx.data()));
            assertThat(read).isInstanceOf(Mm4ReadResult.Valid.class);
            Mm4Message m = ((Mm4ReadResult.Valid) read).message();
            assertThat(m.type()).isEqualTo(Mm4MessageType.FORWARD_REQ);
            assertThat(m.transactionId()).isEqualTo("tx-42");
            assertThat(m.originatorSystem()).isEqualTo("system@mms.example");
            assertThat(m.from().address()).isEqualTo("+4917011111111/TYPE=PLMN@mms.example");
            assertThat(m.to()).extracting(a -> a.address())
                    .containsExactly("+4917022222222/TYPE=PLMN@mms.peer.example");
            assertThat(m.subject()).isEqualTo("Hi");
            assertThat(new String(read.mail().parts().get(0).content(), StandardCharsets.UTF_8).strip())
                    .isEqualTo("over MM4");
        }
    }

    @Test
    void anUnreachableTargetExitsThreeWithOneLine() throws IOException {
        int port = closedPort();

        assertThat(run.execute("send", "mm1", "--url", "http://127.0.0.1:" + port + "/mms", "--from", "+491701",
                "--to", "+491702", "--text", "x")).isEqualTo(3);
        assertThat(run.execute("send", "mm3", "--smtp", "127.0.0.1:" + port, "--from", "a@example.org",
                "--to", "b@example.org", "--text", "x")).isEqualTo(3);

        assertThat(run.err().lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("cannot connect to"));
        assertThat(run.err()).contains("mmsguard send mm1:", "mmsguard send mm3:").doesNotContain("Exception");
    }

    @Test
    void anOversizedAttachmentIsRefusedBeforeSending() throws IOException {
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(Attachment.MAX_BYTES + 1);
        }

        int code = run.execute("send", "mm1", "--url", "http://127.0.0.1:" + closedPort() + "/mms",
                "--from", "+491701", "--to", "+491702", "--attach", big.toString());

        assertThat(code).isEqualTo(2);
        assertThat(run.err()).contains("larger than 16 MiB");
    }

    @Test
    void theContentTypeIsGuessedFromTheExtension() {
        assertThat(Attachment.guess("photo.JPG")).isEqualTo("image/jpeg");
        assertThat(Attachment.guess("clip.3gp")).isEqualTo("video/3gpp");
        assertThat(Attachment.guess("setup.exe")).isEqualTo("application/octet-stream");
        assertThat(Attachment.guess("README")).isEqualTo("application/octet-stream");
    }

    private static byte[] mm7Answer(Request req, Mm7StatusCode code) {
        Mm7Message submit = new Mm7Decoder().decode(req.body(), req.contentType());
        Mm7HttpMessage rsp = new Mm7Encoder().encode(Mm7Responses.submitRsp(submit, code, "mm7-msg-1"));
        return rsp.body();
    }

    /** A stub MMSC answering every POST with {@code answer}'s bytes (HTTP 200), recording each request. */
    private BlockingQueue<Request> mmsc(Function<Request, byte[]> answer) throws IOException {
        BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", (HttpExchange ex) -> {
            try (ex) {
                Request req = new Request(ex.getRequestHeaders().getFirst("Content-Type"),
                        ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestBody().readAllBytes());
                requests.add(req);
                byte[] body = answer.apply(req);
                ex.getResponseHeaders().set("Content-Type", ex.getRequestURI().getPath().equals("/mm7")
                        ? "text/xml; charset=\"utf-8\"" : Mm1Client.CONTENT_TYPE);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        http.start();
        return requests;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private static Request next(BlockingQueue<Request> requests) throws InterruptedException {
        Request r = requests.poll(SmtpStub.HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        assertThat(r).as("a request reached the stub").isNotNull();
        return r;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
