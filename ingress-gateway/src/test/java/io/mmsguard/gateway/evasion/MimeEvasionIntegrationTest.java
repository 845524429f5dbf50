package io.mmsguard.gateway.evasion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.FileFilterMatch;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.PatternType;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Responses;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.gateway.GatewayStack;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.gateway.smtp.SmtpTestServer;
import io.mmsguard.gateway.smtp.SmtpTransaction;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import io.mmsguard.testkit.python.PythonScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MIME evasion families of issue 15 through the real listeners (MM3 and MM4 over SMTP, MM7 and MM1 over HTTP),
 * the real broker, registry and inspection topology, to MMSC stubs that must receive exactly the clean messages, byte
 * for byte. The mails and MM7 bodies are written by Python's {@code email} package
 * ({@code src/test/resources/evasion/evasion_mails.py}), the MM1 PDU by hand; none by mmsguard's own writers.
 *
 * <p>The profile blocks {@code *.exe} by name and {@code application/x-msdownload} by (declared or detected) type,
 * scans for viruses, and passes fragments on MM4 only ({@code passFragmented}).
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class MimeEvasionIntegrationTest {
    private static final String MM3_RCPT = "447700900456@mms.mnc010.mcc234.gprs";
    private static final String MM4_RCPT = "+447700900456/TYPE=PLMN@mms.mnc010.mcc234.gprs";
    private static final String MM4_FROM = "+48600111222/TYPE=PLMN@mms.mnc006.mcc260.gprs";
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static Path samples;
    private static SmtpTestServer mmsc;
    private static GatewayStack stack;
    private static ExecutorService pool;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        samples = PythonScript.writeInto(MimeEvasionIntegrationTest.class, "/evasion/evasion_mails.py",
                dir.resolve("samples"));
        pool = Executors.newFixedThreadPool(2);
        mmsc = SmtpTestServer.accepting(SmtpServerSettings.defaults("mmsc.test", 32 << 20));
        String upstream = "127.0.0.1:" + mmsc.port();
        stack = GatewayStack.start(kafka, registry, dir, "evasion", Map.ofEntries(
                Map.entry("mm3.enabled", "true"), Map.entry("mm3.listen", "127.0.0.1:0"),
                Map.entry("mm3.upstream", upstream),
                Map.entry("mm4.enabled", "true"), Map.entry("mm4.listen", "127.0.0.1:0"),
                Map.entry("mm4.upstream", upstream),
                Map.entry("mm4.system-address", "system-user@mms.mnc010.mcc234.gprs"),
                Map.entry("mm7.enabled", "true")));
        Mm7Decoder decoder = new Mm7Decoder();
        stack.mmsc().respond("/mm7", r -> {
            Mm7HttpMessage m = new Mm7Encoder().encode(Mm7Responses.submitRsp(
                    decoder.decode(r.body(), r.header("Content-Type")), Mm7StatusCode.SUCCESS, "mmsc-1"));
            return new StubMmsc.Response(200, m.contentType(), m.body());
        });
        stack.mmsc().respond("/mms", r -> new StubMmsc.Response(200, "application/vnd.wap.mms-message",
                Mm1Encoder.encode(MmsPdus.sendConf(new Mm1Decoder().decode(r.body()).transactionId(), MmsPdus.MMS_1_2,
                        StatusCodes.OK, (String) null, "mmsc-1"))));
        stack.publishProfile(MmsProfile.newBuilder().setName("default")
                .setMm4(InterfaceSettings.newBuilder().setPassFragmented(true).build())
                .setFileFilter(List.of(FileFilterEntry.newBuilder().setPattern("*.exe").build(),
                        FileFilterEntry.newBuilder().setPattern("application/x-msdownload")
                                .setMatchOn(FileFilterMatch.CONTENT_TYPE).setPatternType(PatternType.SIMPLE).build()))
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
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @BeforeEach
    void clear() {
        mmsc.received.clear();
        stack.mmsc().clear();
    }

    private static byte[] sample(String name) throws Exception {
        return Files.readAllBytes(samples.resolve(name));
    }

    private static SmtpReply smtp(String listener, String from, String rcpt, byte[] data) throws Exception {
        SmtpClient client = new SmtpClient(new InetSocketAddress("127.0.0.1", stack.gateway().port(listener)),
                "client.example.org", Duration.ofSeconds(10), Duration.ofSeconds(30), pool);
        return client.send(from, List.of(rcpt), data).get(60, TimeUnit.SECONDS);
    }

    private static SmtpReply mm3(String sample) throws Exception {
        return smtp("mm3", "alice@example.org", MM3_RCPT, sample("mm3-" + sample + ".eml"));
    }

    @Test
    void mm3CleanMailIsRelayedByteForByte() throws Exception {
        byte[] clean = sample("mm3-clean.eml");
        SmtpReply reply = mm3("clean");
        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        SmtpTransaction relayed = mmsc.received.poll(30, TimeUnit.SECONDS);
        assertThat(relayed).isNotNull();
        assertThat(relayed.data()).isEqualTo(clean);
    }

    @Test
    void mm3ExecutablesHiddenByEncodingNestingOrDeclaredTypeAreRefusedWith571() throws Exception {
        for (String sample : List.of("rfc2047-name", "rfc2231-name", "rfc2231-continuation", "nested-rfc822",
                "text-declared-exe")) {
            SmtpReply reply = mm3(sample);
            assertThat(reply.code()).as(sample + ": " + reply).isEqualTo(550);
            assertThat(reply.enhanced()).as(sample).isEqualTo("5.7.1");
        }
        for (String sample : List.of("base64-garbage", "qp-soft-breaks", "uuencoded")) {
            SmtpReply reply = mm3(sample);
            assertThat(reply.code()).as(sample + ": " + reply).isEqualTo(550);
            assertThat(String.join(" ", reply.lines())).as(sample).containsIgnoringCase("virus");
        }
        assertThat(mmsc.received).as("nothing reached the MMSC").isEmpty();
    }

    @Test
    void mm3AmbiguousStructureTooDeepNestingAndFragmentsAreRefusedPermanentlyWith560() throws Exception {
        for (String sample : List.of("conflicting-boundary", "conflicting-filename", "duplicate-content-type",
                "nested-too-deep", "fragment")) {
            SmtpReply reply = mm3(sample);
            assertThat(reply.code()).as(sample + ": " + reply).isEqualTo(550);
            assertThat(reply.enhanced()).as(sample).isEqualTo("5.6.0");
        }
        assertThat(mmsc.received).as("nothing reached the MMSC").isEmpty();
    }

    @Test
    void mm4HiddenExecutablesAreAnsweredWithAForwardResAndAFragmentPassesUnscannedWhenTheProfileSaysSo()
            throws Exception {
        for (String sample : List.of("rfc2231-name", "nested-rfc822")) {
            SmtpReply reply = smtp("mm4", MM4_FROM, MM4_RCPT, sample("mm4-" + sample + ".eml"));
            assertThat(reply.code()).as(sample + ": " + reply).isEqualTo(250);
            SmtpTransaction res = mmsc.received.poll(30, TimeUnit.SECONDS);
            assertThat(res).as(sample).isNotNull();
            String text = new String(res.data(), StandardCharsets.UTF_8);
            assertThat(text).as(sample).contains("X-Mms-Message-Type: MM4_forward.RES")
                    .contains("mm4-" + sample).contains("Error-content-not-accepted");
        }
        for (String sample : List.of("clean", "fragment")) {
            byte[] data = sample("mm4-" + sample + ".eml");
            SmtpReply reply = smtp("mm4", MM4_FROM, MM4_RCPT, data);
            assertThat(reply.code()).as(sample + ": " + reply).isEqualTo(250);
            SmtpTransaction relayed = mmsc.received.poll(30, TimeUnit.SECONDS);
            assertThat(relayed).as(sample).isNotNull();
            assertThat(relayed.data()).as(sample).isEqualTo(data);
        }
        assertThat(mmsc.received).isEmpty();
    }

    private HttpResponse<byte[]> mm7(String sample) throws Exception {
        String ctype = Files.readString(samples.resolve("mm7-" + sample + ".ctype")).strip();
        return http.send(HttpRequest.newBuilder(stack.mm7Uri("/mm7")).timeout(HANG_GUARD)
                .header("Content-Type", ctype).header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sample("mm7-" + sample + ".body"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void mm7SplitterSeesTheSameEvasions() throws Exception {
        HttpResponse<byte[]> clean = mm7("clean");
        assertThat(clean.statusCode()).isEqualTo(200);
        assertThat(stack.mmsc().received()).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo(sample("mm7-clean.body")));
        stack.mmsc().clear();

        for (String sample : List.of("rfc2047-name", "rfc2231-name", "nested-rfc822")) {
            Mm7Message answer = mm7Answer(mm7(sample));
            assertThat(answer.status().code()).as(sample).isEqualTo(2004);
        }
        Mm7Message conflicting = mm7Answer(mm7("conflicting-filename"));
        assertThat(conflicting.status().code()).as("conflicting filename").isEqualTo(2007);
        assertThat(stack.mmsc().received()).as("nothing but the clean one reached the MMSC").isEmpty();
    }

    private static Mm7Message mm7Answer(HttpResponse<byte[]> rsp) {
        return new Mm7Decoder().decode(rsp.body(), rsp.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void mm1PartNamedAsAnEncodedWordIsBlocked() throws Exception {
        for (String[] name : new String[][] {{"name", "=?UTF-8?B?eC5leGU=?="}, {"name*", "UTF-8''x%2Eexe"}}) {
            HttpResponse<byte[]> rsp = http.send(HttpRequest.newBuilder(stack.mm1Uri("/mms")).timeout(HANG_GUARD)
                    .header("Content-Type", "application/vnd.wap.mms-message")
                    .header("x-up-calling-line-id", "436641000111")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sendReq("ev-" + name[0].length(), name[0], name[1])))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(rsp.statusCode()).isEqualTo(200);
            MmsPdu conf = new Mm1Decoder().decode(rsp.body());
            assertThat(conf.messageType()).isEqualTo(MessageType.SEND_CONF);
            assertThat(conf.responseStatus()).as(name[1]).isEqualTo(0x87);
        }
        assertThat(stack.mmsc().received()).isEmpty();
    }

    /** An m-send.req written byte by byte: one multipart/mixed entry, application/octet-stream with a name parameter. */
    private static byte[] sendReq(String tid, String param, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x8C, (byte) 0x80, (byte) 0x98});
        text(out, tid);
        out.writeBytes(new byte[] {(byte) 0x8D, (byte) 0x92, (byte) 0x89, 0x01, (byte) 0x81, (byte) 0x97});
        text(out, "+447700900123/TYPE=PLMN");
        out.writeBytes(new byte[] {(byte) 0x84, (byte) 0xA3, 0x01});
        String media = "application/octet-stream";
        int ctLength = media.length() + 1 + param.length() + 1 + value.length() + 1;
        byte[] data = {'M', 'Z', (byte) 0x90, 0};
        out.writeBytes(new byte[] {(byte) (ctLength + 2), (byte) data.length, 0x1F, (byte) ctLength});
        text(out, media);
        text(out, param);
        text(out, value);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
    }
}
