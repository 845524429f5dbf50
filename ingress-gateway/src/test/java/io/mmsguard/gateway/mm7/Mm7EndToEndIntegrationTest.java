package io.mmsguard.gateway.mm7;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.codec.MessagePart;
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
import io.mmsguard.gateway.GatewayStack;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * VASP SubmitReqs through the real gateway, broker, registry and inspection topology to the stub MMSC: a clean one
 * passes and the MMSC's SubmitRsp comes back; a virus and a banned word are answered by the gateway with 2004 and
 * never reach the MMSC.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class Mm7EndToEndIntegrationTest {
    private static final String EICAR =
            "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static GatewayStack stack;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Mm7Decoder decoder = new Mm7Decoder();

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        stack = GatewayStack.start(kafka, registry, dir, "mm7e2e", Map.of("mm7.enabled", "true"));
        Mm7Decoder decoder = new Mm7Decoder();
        stack.mmsc().respond("/mm7", r -> {
            Mm7HttpMessage m = new Mm7Encoder().encode(Mm7Responses.submitRsp(
                    decoder.decode(r.body(), r.header("Content-Type")), Mm7StatusCode.SUCCESS, "mmsc-1"));
            return new StubMmsc.Response(200, m.contentType(), m.body());
        });
        stack.publishProfile(MmsProfile.newBuilder().setName("default")
                .setMm7(InterfaceSettings.newBuilder().setAntivirus(true).setBannedWords(true).setFailOpen(false)
                        .build())
                .setBannedWordThreshold(10)
                .setBannedWords(List.of(BannedWord.newBuilder().setPattern("casino").setScore(20).build()))
                .build());
    }

    @AfterAll
    static void tearDown() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void clear() {
        stack.mmsc().clear();
    }

    @Test
    void aCleanSubmitReqReachesTheMmscAndItsSubmitRspComesBack() throws Exception {
        Mm7HttpMessage clean = submit("e2e-clean", "Holiday", text("See you at the beach"),
                new MessagePart("image/gif", null, "sun.gif", "sun.gif", null,
                        "GIF89a sunny".getBytes(StandardCharsets.US_ASCII)));

        Mm7Message answer = post(clean);

        assertThat(answer.operation()).isEqualTo(Mm7Operation.SUBMIT_RSP);
        assertThat(answer.status().code()).isEqualTo(1000);
        assertThat(answer.messageId()).isEqualTo("mmsc-1");
        assertThat(answer.transactionId()).isEqualTo("e2e-clean");
        assertThat(stack.mmsc().received()).singleElement().satisfies(r -> {
            assertThat(r.uri().getPath()).isEqualTo("/mm7");
            assertThat(r.body()).isEqualTo(clean.body());
        });
    }

    @Test
    void aVirusIsRefusedWith2004AndNeverReachesTheMmsc() throws Exception {
        Mm7Message answer = post(submit("e2e-virus", "Free tool", text("Run the attachment"),
                new MessagePart("application/octet-stream", null, "tool.com", "tool", null,
                        EICAR.getBytes(StandardCharsets.US_ASCII))));

        assertThat(answer.operation()).isEqualTo(Mm7Operation.SUBMIT_RSP);
        assertThat(answer.namespace()).isEqualTo(Mm7Namespace.REL_6_MM7_1_4);
        assertThat(answer.transactionId()).isEqualTo("e2e-virus");
        assertThat(answer.status().code()).isEqualTo(2004);
        assertThat(answer.status().text()).contains("virus").containsIgnoringCase("eicar").contains("tool.com");
        assertThat(answer.messageId()).isNull();
        assertThat(stack.mmsc().received()).isEmpty();
    }

    @Test
    void aBannedWordIsRefusedWith2004AndNeverReachesTheMmsc() throws Exception {
        Mm7Message answer = post(submit("e2e-words", "Tonight", text("Win big at the casino tonight")));

        assertThat(answer.operation()).isEqualTo(Mm7Operation.SUBMIT_RSP);
        assertThat(answer.transactionId()).isEqualTo("e2e-words");
        assertThat(answer.status().code()).isEqualTo(2004);
        assertThat(answer.status().text()).isEqualTo("This message has been blocked because of its content.");
        assertThat(stack.mmsc().received()).isEmpty();
    }

    // ---- other operations (issue 15: every operation with content inspected) ---------------------------------

    @Test
    void aReplaceReqWithAVirusIsRefusedWith2004AndNeverReachesTheMmsc() throws Exception {
        Mm7Message answer = post(replace("e2e-replace-virus", text("Updated: run the attachment"),
                new MessagePart("application/octet-stream", null, "tool.com", "tool", null,
                        EICAR.getBytes(StandardCharsets.US_ASCII))));

        assertThat(answer.operation()).isEqualTo(Mm7Operation.REPLACE_RSP);
        assertThat(answer.transactionId()).isEqualTo("e2e-replace-virus");
        assertThat(answer.status().code()).isEqualTo(2004);
        assertThat(stack.mmsc().received()).isEmpty();
    }

    @Test
    void aCleanReplaceReqIsInspectedAndReachesTheMmscAsSent() throws Exception {
        Mm7HttpMessage clean = replace("e2e-replace-clean", text("The meeting moved to ten"));
        double forwardedBefore = forwarded();

        Mm7Message answer = post(clean);

        assertThat(answer.operation()).isEqualTo(Mm7Operation.REPLACE_RSP);
        assertThat(answer.status().code()).isEqualTo(1000);
        assertThat(stack.mmsc().received()).singleElement().satisfies(r -> {
            assertThat(r.uri().getPath()).isEqualTo("/mm7");
            assertThat(r.body()).isEqualTo(clean.body());
        });
        assertThat(forwarded()).as("forwarded after a PASS decision, not passed through").isEqualTo(forwardedBefore + 1);
    }

    private static double forwarded() throws Exception {
        return stack.outcomes("MM7", "forwarded").values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void aDeliverReqFromAVaspIsOnTheWrongLegAndRefusedWith4003() throws Exception {
        Mm7HttpMessage deliver = new Mm7Encoder().encode(Mm7Message.builder(Mm7Operation.DELIVER_REQ,
                        Mm7Namespace.REL_6_MM7_1_4).transactionId("e2e-deliver-vasp").mm7Version("6.8.0")
                .sender(Mm7Address.number("+4790000003")).recipients(Mm7Recipients.to(Mm7Address.shortCode("12345")))
                .contentRef(Mm7ContentRef.cid("mm-content")).content(List.of(new MessagePart(
                        "application/octet-stream", null, "tool.com", "tool", null,
                        EICAR.getBytes(StandardCharsets.US_ASCII)))).build());

        HttpResponse<byte[]> rsp = http.send(HttpRequest.newBuilder(stack.mm7Uri("/mm7")).timeout(HANG_GUARD)
                .header("Content-Type", deliver.contentType()).header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(deliver.body())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(rsp.statusCode()).isEqualTo(500);
        Mm7Message fault = decoder.decode(rsp.body(), rsp.headers().firstValue("Content-Type").orElse(null));
        assertThat(fault.status().code()).isEqualTo(4003);
        assertThat(stack.mmsc().received()).isEmpty();
    }

    /** A VASP's ReplaceReq of the message mmsc-1 with new content. */
    static Mm7HttpMessage replace(String transactionId, MessagePart... parts) {
        return new Mm7Encoder().encode(Mm7Message.builder(Mm7Operation.REPLACE_REQ, Mm7Namespace.REL_6_MM7_1_4)
                .transactionId(transactionId).mm7Version("6.8.0").vaspId("vasp1").vasId("svc")
                .senderAddress(Mm7Address.shortCode("12345")).messageId("mmsc-1")
                .contentRef(Mm7ContentRef.cid("mm-content")).content(List.of(parts)).build());
    }

    private Mm7Message post(Mm7HttpMessage message) throws Exception {
        HttpResponse<byte[]> rsp = http.send(HttpRequest.newBuilder(stack.mm7Uri("/mm7")).timeout(HANG_GUARD)
                .header("Content-Type", message.contentType()).header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(rsp.statusCode()).isEqualTo(200);
        return decoder.decode(rsp.body(), rsp.headers().firstValue("Content-Type").orElse(null));
    }

    static MessagePart text(String s) {
        return Mm7TestMessages.text(s);
    }

    private static Mm7HttpMessage submit(String transactionId, String subject, MessagePart... parts) {
        return Mm7TestMessages.submit(transactionId, subject, parts);
    }
}
