package io.mmsguard.gateway.mm1;

import static io.mmsguard.gateway.mm1.Mm1TestPdus.MMS;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.binary;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.decode;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.okConf;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.post;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.sendReq;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.StatusCodes;
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
 * Issue 15, "the bytes inspected are the bytes relayed", on MM1: what the stub MMSC receives decodes to exactly the
 * parts the inspection got on {@code <prefix>.inbound} (as received, after the MSISDN was inserted, and after STRIP
 * re-encoded the PDU: then the parts that stay and the replacement text, never a stripped one).
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class Mm1InspectedIsRelayedIntegrationTest {
    private static final String MSISDN_HEADER = "x-up-calling-line-id";
    @TempDir
    static Path dir;
    private static GatewayStack stack;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        stack = GatewayStack.start(kafka, registry, dir, "mm1bytes", Map.of());
        stack.publishProfile(MmsProfile.newBuilder().setName("default")
                .setFileFilter(List.of(FileFilterEntry.newBuilder().setPattern("*.exe").build()))
                .setMm1(InterfaceSettings.newBuilder().setRemoveBlocked(true).build()).build());
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
        stack.mmsc().respond("/mms", r -> new StubMmsc.Response(200, MMS, okConf(decode(r.body()).transactionId())));
    }

    private static byte[] sendAndRelay(byte[] pdu, String msisdn) throws Exception {
        var answer = post(stack.mm1Uri("/mms"), pdu, MSISDN_HEADER, msisdn);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(decode(answer.body()).responseStatus()).isEqualTo(StatusCodes.OK);
        assertThat(stack.mmsc().received()).hasSize(1);
        return stack.mmsc().received().get(0).body();
    }

    @Test
    void asReceivedTheMmscGetsTheBytesSentAndTheirPartsAreTheInspectedOnes() throws Exception {
        byte[] sent = Mm1Encoder.encode(sendReq("bytes-pass", "+436641000201/TYPE=PLMN", "hi",
                text("t", "see you"), binary("pic.gif", "image/gif", "GIF89a...".getBytes(StandardCharsets.US_ASCII))));

        byte[] relayed = sendAndRelay(sent, "436641000201");

        assertThat(relayed).isEqualTo(sent);
        MmsEnvelope inspected = stack.inbound(e -> "bytes-pass".equals(e.getTransactionId()));
        assertThat(inspected.getOriginalSize()).isEqualTo(sent.length);
        assertThat(parts(inspected)).containsExactlyElementsOf(parts(decode(relayed)));
    }

    @Test
    void withTheMsisdnInsertedTheReEncodedPduIsWhatWasInspected() throws Exception {
        byte[] sent = Mm1Encoder.encode(sendReq("bytes-insert", null, "hi", text("t", "inserted"),
                binary("doc.bin", "application/octet-stream", new byte[] {0, 1, 2, '\r', '\n', 3})));

        MmsPdu relayed = decode(sendAndRelay(sent, "436641000202"));

        assertThat(relayed.from().text()).contains("436641000202");
        MmsEnvelope inspected = stack.inbound(e -> "bytes-insert".equals(e.getTransactionId()));
        assertThat(inspected.getSender()).contains("436641000202");
        assertThat(parts(inspected)).containsExactlyElementsOf(parts(relayed));
    }

    @Test
    void afterStripTheMmscGetsOnlyInspectedPartsAndTheReplacementText() throws Exception {
        byte[] exe = "MZ\u0090\u0000 not really a program".getBytes(StandardCharsets.ISO_8859_1);
        byte[] sent = Mm1Encoder.encode(sendReq("bytes-strip", "+436641000203/TYPE=PLMN", "tool",
                text("t", "here it is"), binary("x.exe", "application/octet-stream", exe),
                binary("pic.gif", "image/gif", "GIF89a.".getBytes(StandardCharsets.US_ASCII))));

        MmsPdu relayed = decode(sendAndRelay(sent, "436641000203"));

        MmsEnvelope inspected = stack.inbound(e -> "bytes-strip".equals(e.getTransactionId()));
        List<Tuple> kept = parts(inspected);
        Tuple stripped = kept.remove(1);
        assertThat(stripped.toList()).as("the x.exe part was stripped").contains(sha256(exe));
        List<Tuple> atMmsc = parts(relayed);
        assertThat(atMmsc).doesNotContain(stripped);
        assertThat(atMmsc.subList(0, kept.size())).as("the parts that stay, as inspected").isEqualTo(kept);
        assertThat(relayed.parts().subList(kept.size(), relayed.parts().size())).singleElement()
                .satisfies(p -> assertThat(p.contentType()).isEqualTo("text/plain"));
    }

    private static List<Tuple> parts(MmsEnvelope e) {
        return new java.util.ArrayList<>(e.getParts().stream()
                .map((MmsPart p) -> tuple(p.getContentType(), p.getFilename(), p.getSha256())).toList());
    }

    private static List<Tuple> parts(MmsPdu pdu) {
        return pdu.parts().stream().map((MessagePart p) -> tuple(p.contentType(), p.name(), sha256(p.content())))
                .toList();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
