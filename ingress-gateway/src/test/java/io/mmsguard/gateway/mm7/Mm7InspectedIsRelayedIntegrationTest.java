package io.mmsguard.gateway.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
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
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, "the bytes inspected are the bytes relayed", on MM7: a passed SubmitReq reaches the stub MMSC byte for
 * byte with the parts the inspection got on {@code <prefix>.inbound}; a stripped one, re-encoded, carries only
 * inspected parts and the replacement text.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class Mm7InspectedIsRelayedIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    private static GatewayStack stack;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Mm7Decoder decoder = new Mm7Decoder();

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        stack = GatewayStack.start(kafka, registry, dir, "mm7bytes", Map.of("mm7.enabled", "true",
                "mm1.enabled", "false"));
        stack.publishProfile(MmsProfile.newBuilder().setName("default")
                .setFileFilter(List.of(FileFilterEntry.newBuilder().setPattern("*.exe").build()))
                .setMm7(InterfaceSettings.newBuilder().setRemoveBlocked(true).build()).build());
    }

    @AfterAll
    static void tearDown() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void answerLikeAnMmsc() {
        stack.mmsc().clear();
        Mm7Decoder d = new Mm7Decoder();
        stack.mmsc().respond("/mm7", r -> {
            Mm7HttpMessage m = new Mm7Encoder().encode(Mm7Responses.submitRsp(
                    d.decode(r.body(), r.header("Content-Type")), Mm7StatusCode.SUCCESS, "mmsc-1"));
            return new StubMmsc.Response(200, m.contentType(), m.body());
        });
    }

    @Test
    void aPassedSubmitReqReachesTheMmscAsSentWithTheInspectedParts() throws Exception {
        Mm7HttpMessage sent = submit("bytes-pass", text("hello\r\nthere\n"),
                new MessagePart("image/gif", null, "sun.gif", "sun.gif", null, "GIF89a.".getBytes(StandardCharsets.US_ASCII)));

        StubMmsc.Request relayed = post(sent);

        assertThat(relayed.body()).isEqualTo(sent.body());
        MmsEnvelope inspected = stack.inbound(e -> "bytes-pass".equals(e.getTransactionId()));
        assertThat(inspected.getOriginalSize()).isEqualTo(sent.body().length);
        assertThat(parts(inspected)).containsExactlyElementsOf(parts(decoder.decode(relayed.body(),
                relayed.header("Content-Type"))));
    }

    @Test
    void aStrippedSubmitReqCarriesOnlyInspectedPartsAndTheReplacementText() throws Exception {
        byte[] exe = "MZ not really a program".getBytes(StandardCharsets.US_ASCII);
        Mm7HttpMessage sent = submit("bytes-strip", text("the tool"),
                new MessagePart("application/octet-stream", null, "x.exe", "x.exe", null, exe),
                new MessagePart("image/gif", null, "sun.gif", "sun.gif", null, "GIF89a.".getBytes(StandardCharsets.US_ASCII)));

        StubMmsc.Request relayed = post(sent);

        MmsEnvelope inspected = stack.inbound(e -> "bytes-strip".equals(e.getTransactionId()));
        List<Tuple> kept = parts(inspected);
        Tuple stripped = kept.remove(1);
        assertThat(stripped.toList()).as("the x.exe part was stripped").contains(sha256(exe));
        Mm7Message atMmsc = decoder.decode(relayed.body(), relayed.header("Content-Type"));
        List<Tuple> received = parts(atMmsc);
        assertThat(received).doesNotContain(stripped);
        assertThat(received.subList(0, kept.size())).as("the parts that stay, as inspected").isEqualTo(kept);
        assertThat(atMmsc.allParts().subList(kept.size(), atMmsc.allParts().size())).singleElement()
                .satisfies(p -> assertThat(p.contentType()).isEqualTo("text/plain"));
    }

    private StubMmsc.Request post(Mm7HttpMessage message) throws Exception {
        HttpResponse<byte[]> rsp = http.send(HttpRequest.newBuilder(stack.mm7Uri("/mm7")).timeout(HANG_GUARD)
                .header("Content-Type", message.contentType()).header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(rsp.statusCode()).isEqualTo(200);
        Mm7Message answer = decoder.decode(rsp.body(), rsp.headers().firstValue("Content-Type").orElse(null));
        assertThat(answer.status().code()).isEqualTo(1000);
        assertThat(stack.mmsc().received()).hasSize(1);
        return stack.mmsc().received().get(0);
    }

    private static MessagePart text(String s) {
        return new MessagePart("text/plain", "utf-8", null, "text", null, s.getBytes(StandardCharsets.UTF_8));
    }

    private static Mm7HttpMessage submit(String transactionId, MessagePart... parts) {
        return new Mm7Encoder().encode(Mm7Message.builder(Mm7Operation.SUBMIT_REQ, Mm7Namespace.REL_6_MM7_1_4)
                .transactionId(transactionId).mm7Version("6.8.0").vaspId("vasp1").vasId("svc")
                .senderAddress(Mm7Address.shortCode("12345"))
                .recipients(Mm7Recipients.to(Mm7Address.number("+4790000002")))
                .subject("bytes").contentRef(Mm7ContentRef.cid("mm-content")).content(List.of(parts)).build());
    }

    private static List<Tuple> parts(MmsEnvelope e) {
        return new ArrayList<>(e.getParts().stream()
                .map(p -> tuple(p.getContentType(), p.getFilename(), p.getSha256())).toList());
    }

    private static List<Tuple> parts(Mm7Message m) {
        return m.allParts().stream().map(p -> tuple(p.contentType(), p.name(), sha256(p.content()))).toList();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
