package io.mmsguard.gateway.mm1;

import static io.mmsguard.gateway.mm1.Mm1TestPdus.MMS;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.decode;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.sendReq;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Recipients;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka stopped under a running gateway (ISSUE 5, C5): every MM1 and MM7 session ends in the protocol's temporary
 * failure, and nothing reaches the MMSC. The broker is this test's own, so stopping it disturbs nobody else.
 */
@ExtendWith(SharedRegistry.class)
class KafkaOutageIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofMinutes(1);

    @Test
    void withKafkaGoneEverySessionEndsInATemporaryFailureAndNothingIsForwarded(ApicurioRegistry registry)
            throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.singleNode();
        try (StubMmsc mmsc = StubMmsc.start()) {
            kafka.admin().createTopics(List.of(new NewTopic("outage.inbound", 1, (short) 1),
                    new NewTopic("outage.decisions", 1, (short) 1),
                    new NewTopic("outage.profiles", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Map<String, String> s = new HashMap<>();
            s.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            s.put("serde.schema.registry.url", registry.url());
            s.put("topics.inbound", "outage.inbound");
            s.put("topics.decisions", "outage.decisions");
            s.put("topics.profiles", "outage.profiles");
            s.put("gateway.http-port", "0");
            s.put("gateway.decision-timeout", "3s");
            s.put("mm1.listen", "127.0.0.1:0");
            s.put("mm1.upstream", mmsc.uri("/mms").toString());
            s.put("mm7.enabled", "true");
            s.put("mm7.auth", "none");
            s.put("mm7.listen", "127.0.0.1:0");
            s.put("mm7.upstream", mmsc.uri("/mm7").toString());
            try (GatewayService gateway = GatewayService.start(GatewayConfig.from(Settings.of(s)))) {
                kafka.close();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

                for (int i = 0; i < 3; i++) {
                    byte[] pdu = Mm1Encoder.encode(sendReq("outage-" + i, "+436641000101/TYPE=PLMN", "hi",
                            text("t", "during the outage")));
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.port("mm1") + "/mms")).timeout(HANG_GUARD)
                            .header("Content-Type", MMS).POST(HttpRequest.BodyPublishers.ofByteArray(pdu)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(r.statusCode()).isEqualTo(200);
                    MmsPdu conf = decode(r.body());
                    assertThat(conf.transactionId()).isEqualTo("outage-" + i);
                    assertThat(conf.responseStatus()).as("Error-transient-failure").isEqualTo(0xC0);
                }

                Mm7HttpMessage submit = new Mm7Encoder().encode(Mm7Message.builder(Mm7Operation.SUBMIT_REQ,
                                Mm7Namespace.REL_6_MM7_1_4).transactionId("outage-mm7").mm7Version("6.8.0")
                        .vaspId("vasp1").vasId("svc").senderAddress(Mm7Address.shortCode("12345"))
                        .recipients(Mm7Recipients.to(Mm7Address.number("+4790000002"))).subject("hi")
                        .contentRef(Mm7ContentRef.cid("mm-content"))
                        .content(List.of(new MessagePart("text/plain", "utf-8", null, "text", null,
                                "during the outage".getBytes(StandardCharsets.UTF_8)))).build());
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port("mm7") + "/mm7")).timeout(HANG_GUARD)
                        .header("Content-Type", submit.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(submit.body())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                Mm7Message answer = new Mm7Decoder().decode(r.body(), r.headers().firstValue("Content-Type")
                        .orElse(null));
                assertThat(answer.operation()).isEqualTo(Mm7Operation.SUBMIT_RSP);
                assertThat(answer.transactionId()).isEqualTo("outage-mm7");
                assertThat(answer.status().code()).as("service unavailable: the VASP retries").isEqualTo(4006);

                assertThat(mmsc.received()).isEmpty();
            }
        } finally {
            kafka.close();
        }
    }
}
