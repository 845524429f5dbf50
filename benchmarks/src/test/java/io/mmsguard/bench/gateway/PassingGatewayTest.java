package io.mmsguard.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.GatewayListeners;
import io.mmsguard.gateway.http.NettyUpstream;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.gateway.session.ProfileView;
import io.mmsguard.service.Settings;
import org.junit.jupiter.api.Test;

/**
 * The gateway-only baseline's setup: the gateway's listeners around the {@link PassingInspector} and fixed profiles
 * forward at once to the MMSC, and need no Kafka at all (the configured broker and registry do not exist).
 */
class PassingGatewayTest {

    @Test
    void theListenersAroundAPassingInspectorForwardWithoutKafka() throws Exception {
        int nothing;
        try (ServerSocket s = new ServerSocket(0)) {
            nothing = s.getLocalPort();
        }
        try (UpstreamStub mmsc = new UpstreamStub()) {
            Map<String, String> s = new HashMap<>();
            s.put("kafka.bootstrap.servers", "127.0.0.1:" + nothing);
            s.put("serde.schema.registry.url", "http://127.0.0.1:" + nothing);
            s.put("mm1.listen", "127.0.0.1:0");
            s.put("mm1.upstream", mmsc.uri().toString());
            s.put("mm1.profile", "bench");
            GatewayConfig config = GatewayConfig.from(Settings.of(s));
            GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
            try (NettyUpstream upstream = new NettyUpstream(config.upstream(), metrics);
                 GatewayListeners gateway = GatewayListeners.start(config, new GatewayContext(
                         new PassingInspector("bench", Duration.ofSeconds(5)),
                         ProfileView.fixed(Map.of("bench", MmsProfile.newBuilder().setName("bench").build())),
                         upstream, metrics),
                    new PendingSessions(config.maxPending()))) {
                byte[] send = Mm1Encoder.encode(MmsPdus.sendReq("pass-1", MmsPdus.MMS_1_2,
                        FromAddress.insertAddress(), List.of("+436641000101/TYPE=PLMN"), "hi",
                        ContentType.of(ContentType.MULTIPART_MIXED), List.of(MmsPart.of(
                                ContentType.of(ContentType.TEXT_PLAIN), "t", "t.txt",
                                "no topology, no broker".getBytes(StandardCharsets.UTF_8)))));

                HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gateway.port("mm1") + "/mms"))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/vnd.wap.mms-message")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(send)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());

                assertThat(answer.statusCode()).isEqualTo(200);
                MmsPdu conf = new Mm1Decoder().decode(answer.body());
                assertThat(conf.transactionId()).isEqualTo("pass-1");
                assertThat(conf.responseStatus()).as("Ok from the MMSC").isEqualTo(0x80);
                assertThat(mmsc.accepted()).isEqualTo(1);
            }
        }
    }
}
