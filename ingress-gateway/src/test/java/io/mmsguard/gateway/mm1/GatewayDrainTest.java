package io.mmsguard.gateway.mm1;

import static io.mmsguard.gateway.mm1.Mm1TestPdus.MMS;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.decode;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.okConf;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.post;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.sendReq;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.gateway.FakeInspector;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.GatewayListeners;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.gateway.http.NettyUpstream;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.gateway.session.ProfileView;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.service.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stopping gateway answers what it admitted: {@link GatewayListeners#drain} refuses new connections at once and
 * returns only when the session read before the stop has its decision and the MMSC's answer has reached the handset.
 */
class GatewayDrainTest {
    private final FakeInspector inspector = new FakeInspector();
    private StubMmsc mmsc;
    private NettyUpstream upstream;
    private GatewayListeners gateway;

    @BeforeEach
    void start() throws Exception {
        mmsc = StubMmsc.start();
        mmsc.respond("/mms", r -> new StubMmsc.Response(200, MMS, okConf(decode(r.body()).transactionId())));
        int nothing;
        try (ServerSocket s = new ServerSocket(0)) {
            nothing = s.getLocalPort();
        }
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap.servers", "127.0.0.1:" + nothing); // the listeners alone need no Kafka
        s.put("serde.schema.registry.url", "http://127.0.0.1:" + nothing);
        s.put("mm1.listen", "127.0.0.1:0");
        s.put("mm1.upstream", mmsc.uri("/mms").toString());
        GatewayConfig config = GatewayConfig.from(Settings.of(s));
        GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
        upstream = new NettyUpstream(config.upstream(), metrics);
        gateway = GatewayListeners.start(config, new GatewayContext(inspector,
                        ProfileView.fixed(Map.of("default", MmsProfile.newBuilder().setName("default").build())),
                        upstream, metrics),
                new PendingSessions(config.maxPending()));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
        mmsc.close();
    }

    @Test
    void aSessionReadBeforeTheStopIsForwardedAndAnsweredWhileNewConnectionsAreRefused() throws Exception {
        int port = gateway.port("mm1");
        CompletableFuture<SessionOutcome> decision = inspector.hold();
        CompletableFuture<HttpResponse<byte[]>> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return post(URI.create("http://127.0.0.1:" + port + "/mms"),
                        Mm1Encoder.encode(sendReq("drain-1", "+4366411/TYPE=PLMN", null, text("t", "x"))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> inspector.envelopes.size() == 1);

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return gateway.drain(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).isInstanceOf(ConnectException.class));
        assertThat(drained).as("waits for the session it admitted").isNotDone();
        assertThat(answer).isNotDone();

        decision.complete(new SessionOutcome.Decided(Decision.newBuilder().setSessionId("s").setGatewayId("gw")
                .setVerdict(Verdict.PASS).setReason(Reason.NONE).setDecidedAt(Instant.now()).setProfile("default")
                .build()));

        assertThat(drained.get(30, TimeUnit.SECONDS)).as("nothing left in flight").isTrue();
        HttpResponse<byte[]> response = answer.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(decode(response.body()).responseStatus()).as("the MMSC's Ok").isEqualTo(0x80);
        assertThat(mmsc.received()).hasSize(1);
    }

    @Test
    void aSessionStillUndecidedWhenTheGraceEndsIsReported() throws Exception {
        int port = gateway.port("mm1");
        inspector.hold();
        CompletableFuture.runAsync(() -> {
            try {
                post(URI.create("http://127.0.0.1:" + port + "/mms"),
                        Mm1Encoder.encode(sendReq("drain-2", "+4366411/TYPE=PLMN", null, text("t", "x"))));
            } catch (Exception e) {
                // the connection is cut by the close after the grace: what this test expects
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> inspector.envelopes.size() == 1);

        assertThat(gateway.drain(Duration.ofMillis(200))).isFalse();
        assertThat(mmsc.received()).isEmpty();
    }
}
