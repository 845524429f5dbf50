package io.mmsguard.gateway.mm7;

import static io.mmsguard.gateway.mm7.Mm7EndToEndIntegrationTest.replace;
import static io.mmsguard.gateway.mm7.Mm7EndToEndIntegrationTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Operation;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ReplaceReq with a virus under a profile that removes blocked parts (MM7 removeBlocked), through the real
 * gateway, broker, registry and topology: the MMSC gets the ReplaceReq re-encoded without the infected part and with
 * the replacement text, and the VASP the MMSC's ReplaceRsp.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class Mm7ReplaceStripEndToEndIntegrationTest {
    private static final String EICAR =
            "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static GatewayStack stack;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        stack = GatewayStack.start(kafka, registry, dir, "mm7strip", Map.of("mm7.enabled", "true"));
        Mm7Decoder decoder = new Mm7Decoder();
        stack.mmsc().respond("/mm7", r -> {
            Mm7HttpMessage m = new Mm7Encoder().encode(Mm7Responses.response(
                    decoder.decode(r.body(), r.header("Content-Type")), Mm7StatusCode.SUCCESS));
            return new StubMmsc.Response(200, m.contentType(), m.body());
        });
        stack.publishProfile(MmsProfile.newBuilder().setName("default")
                .setMm7(InterfaceSettings.newBuilder().setAntivirus(true).setRemoveBlocked(true).setFailOpen(false)
                        .build())
                .build());
    }

    @AfterAll
    static void tearDown() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aReplaceReqWithAVirusReachesTheMmscReEncodedWithoutTheInfectedPart() throws Exception {
        Mm7HttpMessage infected = replace("e2e-replace-strip", text("New schedule attached"),
                new MessagePart("application/octet-stream", null, "tool.com", "tool", null,
                        EICAR.getBytes(StandardCharsets.US_ASCII)));

        HttpResponse<byte[]> rsp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(stack.mm7Uri("/mm7")).timeout(HANG_GUARD)
                        .header("Content-Type", infected.contentType()).header("SOAPAction", "\"\"")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(infected.body())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(rsp.statusCode()).isEqualTo(200);
        Mm7Decoder decoder = new Mm7Decoder();
        Mm7Message answer = decoder.decode(rsp.body(), rsp.headers().firstValue("Content-Type").orElse(null));
        assertThat(answer.operation()).isEqualTo(Mm7Operation.REPLACE_RSP);
        assertThat(answer.status().code()).isEqualTo(1000);
        assertThat(stack.mmsc().received()).singleElement().satisfies(r -> {
            Mm7Message stripped = decoder.decode(r.body(), r.header("Content-Type"));
            assertThat(stripped.operation()).isEqualTo(Mm7Operation.REPLACE_REQ);
            assertThat(stripped.transactionId()).isEqualTo("e2e-replace-strip");
            assertThat(stripped.messageId()).isEqualTo("mmsc-1");
            assertThat(stripped.vaspId()).isEqualTo("vasp1");
            assertThat(stripped.allParts()).extracting(MessagePart::contentType)
                    .containsExactly("text/plain", "text/plain");
            assertThat(new String(stripped.allParts().get(0).content(), StandardCharsets.UTF_8))
                    .isEqualTo("New schedule attached");
            assertThat(stripped.allParts()).noneMatch(p -> new String(p.content(), StandardCharsets.ISO_8859_1)
                    .contains("EICAR"));
        });
    }
}
