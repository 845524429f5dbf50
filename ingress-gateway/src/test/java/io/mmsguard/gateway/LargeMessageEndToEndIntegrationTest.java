package io.mmsguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Recipients;
import io.mmsguard.codec.mm7.Mm7Responses;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.gateway.smtp.SmtpTestServer;
import io.mmsguard.gateway.smtp.SmtpTransaction;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15, reproduction 2: messages of 1, 5 and 15 MiB of content, clean and with an EICAR part, over MM1, MM7, MM3
 * and MM4 through one real stack (shared broker and registry, the inspection topology, the gateway, stub MMSCs):
 * a clean one reaches the MMSC byte for byte, an infected one is blocked, neither is ever a temporary failure
 * (before MessageSize, Kafka's default record limit turned everything over about 1 MiB into m-send.conf 0xC0 and
 * 451 4.3.0). Over the supported maximum: content beyond {@link MessageSize#MAX_CONTENT_BYTES} gets the profile's
 * oversize action (block), and a request beyond {@link MessageSize#MAX_WIRE_BYTES} the protocol's permanent
 * refusal (413, 552 5.3.4). The mail is written by hand with the JDK's MIME base64 encoder, not the project's
 * writers. Each case prints its time from the first byte sent to the answer.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class LargeMessageEndToEndIntegrationTest {
    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    private static final int MIB = 1024 * 1024;
    private static final String MSISDN_HEADER = "x-up-calling-line-id";
    private static final String MM3_RCPT = "447700900456@mms.mnc010.mcc234.gprs";
    private static final String MM4_RCPT = "+447700900456/TYPE=PLMN@mms.mnc010.mcc234.gprs";
    private static final Duration HANG_GUARD = Duration.ofMinutes(3);

    @TempDir
    static Path dir;
    private static SmtpTestServer smtpMmsc;
    private static GatewayStack stack;
    private static ExecutorService smtpThreads;
    private static SmtpClient mm3Client;
    private static SmtpClient mm4Client;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    enum Interface { MM1, MM7, MM3, MM4 }

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        smtpMmsc = SmtpTestServer.accepting(SmtpServerSettings.defaults("mmsc.test", 2L * MessageSize.MAX_WIRE_BYTES));
        String upstream = "127.0.0.1:" + smtpMmsc.port();
        // Every size setting at its default: the test is that the defaults fit together.
        stack = GatewayStack.start(kafka, registry, dir, "large", Map.ofEntries(
                Map.entry("gateway.decision-timeout", "60s"),
                Map.entry("mm1.request-deadline", "120s"), Map.entry("mm7.request-deadline", "120s"),
                Map.entry("mm7.enabled", "true"),
                Map.entry("mm3.enabled", "true"), Map.entry("mm3.listen", "127.0.0.1:0"),
                Map.entry("mm3.upstream", upstream),
                Map.entry("mm4.enabled", "true"), Map.entry("mm4.listen", "127.0.0.1:0"),
                Map.entry("mm4.upstream", upstream),
                Map.entry("mm4.system-address", "system-user@mms.mnc010.mcc234.gprs")));
        Mm7Decoder decoder = new Mm7Decoder();
        stack.mmsc().respond("/mm7", r -> {
            Mm7HttpMessage m = new Mm7Encoder().encode(Mm7Responses.submitRsp(
                    decoder.decode(r.body(), r.header("Content-Type")), Mm7StatusCode.SUCCESS, "mmsc-1"));
            return new StubMmsc.Response(200, m.contentType(), m.body());
        });
        // FortiOS allows up to 819,200 kB: with it, the gateway's inline limit (16 MiB of content) is what binds.
        // Full archive and a duplicate threshold put the content on mms.archive and the by-checksum repartition
        // topic too, so every content-carrying topic is crossed.
        InterfaceSettings large = InterfaceSettings.newBuilder().setOversizeLimitKb(819_200)
                .setArchive(ArchiveMode.FULL).build();
        InterfaceSettings counted = InterfaceSettings.newBuilder(large).setDuplicate(List.of(Threshold.newBuilder()
                .setEnabled(true).setWindowMinutes(60).setLimit(1000).setActions(List.of(ThresholdAction.BLOCK))
                .build())).build();
        stack.publishProfile(MmsProfile.newBuilder().setName("default").setMm1(counted)
                .setMm7(InterfaceSettings.newBuilder(large).build()).setMm3(InterfaceSettings.newBuilder(large).build())
                .setMm4(InterfaceSettings.newBuilder(counted).build()).build());
        smtpThreads = Executors.newFixedThreadPool(2);
        mm3Client = new SmtpClient(new InetSocketAddress("127.0.0.1", stack.gateway().port("mm3")), "mail.example.org",
                Duration.ofSeconds(10), Duration.ofMinutes(3), smtpThreads);
        mm4Client = new SmtpClient(new InetSocketAddress("127.0.0.1", stack.gateway().port("mm4")),
                "mms.mnc006.mcc260.gprs", Duration.ofSeconds(10), Duration.ofMinutes(3), smtpThreads);
    }

    @AfterAll
    static void tearDown() {
        if (stack != null) {
            stack.close();
        }
        if (smtpMmsc != null) {
            smtpMmsc.close();
        }
        if (smtpThreads != null) {
            smtpThreads.shutdownNow();
        }
    }

    @BeforeEach
    void clear() {
        stack.mmsc().clear();
        stack.mmsc().respond("/mms", r -> new StubMmsc.Response(200, "application/vnd.wap.mms-message",
                Mm1Encoder.encode(MmsPdus.sendConf(new Mm1Decoder().decode(r.body()).transactionId(), MmsPdus.MMS_1_2,
                        0x80, (String) null, "msg-1"))));
        smtpMmsc.received.clear();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Interface i : Interface.values()) {
            for (int mib : new int[] {1, 5, 15}) {
                out.add(Arguments.of(i, mib, false));
                out.add(Arguments.of(i, mib, true));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} MiB infected={2}")
    @MethodSource("cases")
    void aMessageUpToTheSupportedMaximumIsInspectedAndPassedOrBlocked(Interface itf, int mib, boolean infected)
            throws Exception {
        byte[] image = content(mib * MIB, mib);
        String id = itf + "-" + mib + (infected ? "-virus" : "-clean");
        long start = System.nanoTime();
        switch (itf) {
            case MM1 -> {
                MmsPdu pdu = mm1(id, image, infected);
                MmsPdu conf = mm1Post(Mm1Encoder.encode(pdu));
                assertThat(conf.transactionId()).isEqualTo(id);
                if (infected) {
                    assertThat(conf.responseStatus()).as("blocked, not 'try again later'").isEqualTo(0x87);
                    assertThat(stack.mmsc().received()).isEmpty();
                } else {
                    assertThat(conf.responseStatus()).isEqualTo(StatusCodes.OK);
                    assertThat(stack.mmsc().received()).singleElement().satisfies(r -> assertThat(r.body())
                            .isEqualTo(Mm1Encoder.encode(pdu.withInsertedFrom("+436641000101"))));
                }
            }
            case MM7 -> {
                Mm7HttpMessage request = mm7(id, image, infected);
                HttpResponse<byte[]> rsp = mm7Post(request.contentType(), request.body());
                assertThat(rsp.statusCode()).isEqualTo(200);
                Mm7Message answer = new Mm7Decoder().decode(rsp.body(),
                        rsp.headers().firstValue("Content-Type").orElse(null));
                assertThat(answer.transactionId()).isEqualTo(id);
                if (infected) {
                    assertThat(answer.status().code()).isEqualTo(2004);
                    assertThat(stack.mmsc().received()).isEmpty();
                } else {
                    assertThat(answer.status().code()).isEqualTo(1000);
                    assertThat(stack.mmsc().received()).singleElement()
                            .satisfies(r -> assertThat(r.body()).isEqualTo(request.body()));
                }
            }
            case MM3 -> {
                byte[] mail = mail(id, image, infected, false);
                SmtpReply reply = mm3Client.send("alice@example.org", List.of(MM3_RCPT), mail)
                        .get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
                if (infected) {
                    assertThat(reply.code()).as(reply.toString()).isEqualTo(550);
                    assertThat(reply.enhanced()).isEqualTo("5.7.1");
                    assertThat(smtpMmsc.received).isEmpty();
                } else {
                    assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
                    assertRelayedByteForByte(mail);
                }
            }
            case MM4 -> {
                byte[] mail = mail(id, image, infected, true);
                SmtpReply reply = mm4Client.send("+48600111222/TYPE=PLMN@mms.mnc006.mcc260.gprs", List.of(MM4_RCPT),
                        mail).get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
                assertThat(reply.code()).as("MM4 answers 250 and reports a block in an MM4_forward.RES")
                        .isEqualTo(250);
                if (infected) {
                    SmtpTransaction res = smtpMmsc.next();
                    assertThat(res).isNotNull();
                    assertThat(new String(res.data(), StandardCharsets.ISO_8859_1))
                            .contains("MM4_forward.RES").contains("Error-content-not-accepted")
                            .contains("\"" + id + "\"");
                    assertThat(smtpMmsc.received).isEmpty();
                } else {
                    assertRelayedByteForByte(mail);
                }
            }
            default -> throw new IllegalStateException();
        }
        System.out.printf("large message: %s %d MiB infected=%s answered in %d ms%n", itf, mib, infected,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @Test
    void contentOverTheSupportedMaximumGetsTheOversizeActionNeverATemporaryFailure() throws Exception {
        // Within the wire limit, over the content limit: not inline, so the profile's oversize action (block).
        byte[] image = content(MessageSize.MAX_CONTENT_BYTES + 1, 99);
        MmsPdu conf = mm1Post(Mm1Encoder.encode(mm1("mm1-over", image, false)));
        assertThat(conf.transactionId()).isEqualTo("mm1-over");
        assertThat(conf.responseStatus()).as("the oversize action, not 0xC0").isEqualTo(0x87);

        Mm7HttpMessage request = mm7("mm7-over", image, false);
        HttpResponse<byte[]> rsp = mm7Post(request.contentType(), request.body());
        assertThat(rsp.statusCode()).isEqualTo(200);
        assertThat(new Mm7Decoder().decode(rsp.body(), rsp.headers().firstValue("Content-Type").orElse(null))
                .status().code()).isEqualTo(2004);

        assertThat(stack.mmsc().received()).isEmpty();
    }

    @Test
    void aRequestOverTheWireLimitIsRefusedPermanently() throws Exception {
        byte[] tooLong = new byte[MessageSize.MAX_WIRE_BYTES + 1];
        HttpResponse<byte[]> mm1 = http.send(HttpRequest.newBuilder(stack.mm1Uri("/mms")).timeout(HANG_GUARD)
                .header("Content-Type", "application/vnd.wap.mms-message").header(MSISDN_HEADER, "436641000101")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tooLong)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(mm1.statusCode()).isEqualTo(413);
        HttpResponse<byte[]> mm7 = mm7Post("multipart/related; boundary=b", tooLong);
        assertThat(mm7.statusCode()).isEqualTo(413);

        byte[] mail = mail("mm3-over-wire", content(MessageSize.MAX_CONTENT_BYTES + 512 * 1024, 98), false, false);
        assertThat(mail.length).isGreaterThan(MessageSize.MAX_WIRE_BYTES);
        SmtpReply reply = mm3Client.send("alice@example.org", List.of(MM3_RCPT), mail)
                .get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        assertThat(reply.code()).as(reply.toString()).isEqualTo(552);
        assertThat(reply.enhanced()).isEqualTo("5.3.4");

        assertThat(stack.mmsc().received()).isEmpty();
        assertThat(smtpMmsc.received).isEmpty();
    }

    private void assertRelayedByteForByte(byte[] sent) throws InterruptedException {
        SmtpTransaction relayed = smtpMmsc.next();
        assertThat(relayed).isNotNull();
        assertThat(relayed.data()).as("the MMSC receives the bytes inspected").isEqualTo(sent);
        assertThat(smtpMmsc.received).isEmpty();
    }

    /** Incompressible bytes behind a JPEG signature, so no scanner sees anything but an image. */
    private static byte[] content(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        return b;
    }

    private static MmsPdu mm1(String id, byte[] image, boolean infected) {
        List<MmsPart> parts = new ArrayList<>(List.of(
                MmsPart.of(ContentType.of(ContentType.TEXT_PLAIN).with("charset", "utf-8"), "t", "t.txt",
                        "holiday pictures".getBytes(StandardCharsets.UTF_8)),
                MmsPart.of(ContentType.of("image/jpeg"), "img", "img.jpg", image)));
        if (infected) {
            parts.add(MmsPart.of(ContentType.of("application/octet-stream"), "tool", "tool.com",
                    EICAR.getBytes(StandardCharsets.US_ASCII)));
        }
        return MmsPdus.sendReq(id, MmsPdus.MMS_1_2, FromAddress.insertAddress(), List.of("+436641000001/TYPE=PLMN"),
                "pictures", ContentType.of(ContentType.MULTIPART_MIXED), parts);
    }

    private MmsPdu mm1Post(byte[] body) throws Exception {
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(stack.mm1Uri("/mms")).timeout(HANG_GUARD)
                .header("Content-Type", "application/vnd.wap.mms-message").header(MSISDN_HEADER, "436641000101")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        MmsPdu conf = new Mm1Decoder().decode(answer.body());
        assertThat(conf.messageType()).isEqualTo(MessageType.SEND_CONF);
        assertThat(conf.responseStatus()).as("never a temporary failure").isLessThan(0xC0);
        return conf;
    }

    private static Mm7HttpMessage mm7(String id, byte[] image, boolean infected) {
        List<MessagePart> parts = new ArrayList<>(List.of(
                new MessagePart("text/plain", "utf-8", null, "text", null,
                        "holiday pictures".getBytes(StandardCharsets.UTF_8)),
                new MessagePart("image/jpeg", null, "img.jpg", "img.jpg", null, image)));
        if (infected) {
            parts.add(new MessagePart("application/octet-stream", null, "tool.com", "tool", null,
                    EICAR.getBytes(StandardCharsets.US_ASCII)));
        }
        return new Mm7Encoder().encode(Mm7Message.builder(Mm7Operation.SUBMIT_REQ, Mm7Namespace.REL_6_MM7_1_4)
                .transactionId(id).mm7Version("6.8.0").vaspId("vasp1").vasId("svc")
                .senderAddress(Mm7Address.shortCode("12345"))
                .recipients(Mm7Recipients.to(Mm7Address.number("+4790000002")))
                .subject("pictures").contentRef(Mm7ContentRef.cid("mm-content")).content(parts).build());
    }

    private HttpResponse<byte[]> mm7Post(String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(stack.mm7Uri("/mm7")).timeout(HANG_GUARD)
                .header("Content-Type", contentType).header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A multipart/mixed mail written by hand (JDK base64 in 76-character lines); MM4 headers when asked. */
    private static byte[] mail(String id, byte[] image, boolean infected, boolean mm4) {
        StringBuilder head = new StringBuilder();
        if (mm4) {
            head.append("From: +48600111222/TYPE=PLMN\r\nTo: +447700900456/TYPE=PLMN\r\n")
                    .append("Sender: +48600111222/TYPE=PLMN@mms.mnc006.mcc260.gprs\r\n")
                    .append("X-Mms-Message-Type: MM4_forward.REQ\r\nX-Mms-3GPP-MMS-Version: 5.5.0\r\n")
                    .append("X-Mms-Transaction-ID: \"").append(id).append("\"\r\n")
                    .append("X-Mms-Message-ID: \"").append(id).append("@w.mms.peer\"\r\n")
                    .append("X-Mms-Originator-System: PostMaster@mms.mnc006.mcc260.gprs\r\n")
                    .append("X-Mms-Ack-Request: Yes\r\n");
        } else {
            head.append("From: alice@example.org\r\nTo: ").append(MM3_RCPT).append("\r\n");
        }
        head.append("Subject: pictures\r\nDate: Wed, 25 Nov 2026 10:00:00 +0100\r\n")
                .append("Message-ID: <").append(id).append("@mail.example.org>\r\nMIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n")
                .append("--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nholiday pictures\r\n")
                .append("--b1\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n")
                .append("Content-Disposition: attachment; filename=\"img.jpg\"\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.length * 14 / 10);
        out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Base64.getMimeEncoder().encode(image));
        StringBuilder tail = new StringBuilder("\r\n");
        if (infected) {
            tail.append("--b1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n")
                    .append("Content-Disposition: attachment; filename=\"tool.com\"\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(EICAR.getBytes(StandardCharsets.US_ASCII)))
                    .append("\r\n");
        }
        tail.append("--b1--\r\n");
        out.writeBytes(tail.toString().getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
