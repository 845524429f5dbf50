package io.mmsguard.gateway.mm1;

import static io.mmsguard.gateway.mm1.Mm1TestPdus.decode;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.post;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.sendReq;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.gateway.session.PassingInspector;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark seam {@code GatewayService.start(config, inspectors)}: with a {@link PassingInspector} the gateway
 * forwards at once (no inspection topology runs here) and publishes nothing to the inbound topic.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class PassingInspectorIntegrationTest {

    @Test
    void aPassingInspectorForwardsWithoutPublishing(KafkaTestCluster kafka, ApicurioRegistry registry)
            throws Exception {
        kafka.admin().createTopics(List.of(new NewTopic("passing.inbound", 1, (short) 1),
                new NewTopic("passing.decisions", 1, (short) 1),
                new NewTopic("passing.profiles", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try (StubMmsc mmsc = StubMmsc.start()) {
            mmsc.respond("/mms", r -> new StubMmsc.Response(200, Mm1TestPdus.MMS, Mm1TestPdus.okConf("pass-1")));
            Map<String, String> s = new HashMap<>();
            s.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            s.put("serde.schema.registry.url", registry.url());
            s.put("topics.inbound", "passing.inbound");
            s.put("topics.decisions", "passing.decisions");
            s.put("topics.profiles", "passing.profiles");
            s.put("gateway.http-port", "0");
            s.put("mm1.listen", "127.0.0.1:0");
            s.put("mm1.upstream", mmsc.uri("/mms").toString());
            try (GatewayService gateway = GatewayService.start(GatewayConfig.from(Settings.of(s)),
                    core -> new PassingInspector("passing-gw", Duration.ofSeconds(5)))) {
                byte[] pdu = Mm1Encoder.encode(sendReq("pass-1", "+436641000101/TYPE=PLMN", "hi",
                        text("t", "no topology is running")));
                var answer = post(java.net.URI.create("http://127.0.0.1:" + gateway.port("mm1") + "/mms"), pdu);

                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(decode(answer.body()).responseStatus()).as("Ok from the MMSC").isEqualTo(0x80);
                assertThat(mmsc.received()).hasSize(1);
                TopicPartition inbound = new TopicPartition("passing.inbound", 0);
                assertThat(kafka.admin().listOffsets(Map.of(inbound,
                        org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(inbound).get().offset())
                        .as("nothing published").isZero();
            }
        }
    }
}
