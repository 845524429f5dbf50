package io.mmsguard.gateway.mm1;

import static io.mmsguard.gateway.mm1.Mm1TestPdus.decode;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.okConf;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.post;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.sendReq;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.gateway.GatewayStack;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.EmbeddedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness tells the truth (issue 16), through real sockets on a broker of the test's own that it stops and starts
 * again: with Kafka gone the gateway and the inspection instance answer 503 on /health/ready naming the failed
 * condition, and 200 again once it is back, after which a session is decided. Then, with Kafka up but no inspection
 * running, sessions in a row without a decision make the gateway not ready, and it turns ready again by itself after
 * the hold, without traffic, so that not ready cannot last for ever.
 */
@ExtendWith(SharedRegistry.class)
class ReadinessIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration AWAIT = Duration.ofSeconds(90);
    @TempDir
    Path dir;

    private static HttpResponse<String> ready(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int send(GatewayService gateway, String tid, String sender) throws Exception {
        return decode(post(URI.create("http://127.0.0.1:" + gateway.port("mm1") + "/mms"),
                Mm1Encoder.encode(sendReq(tid, sender + "/TYPE=PLMN", "hi", text("t", "readiness")))).body())
                .responseStatus();
    }

    @Test
    void readinessFollowsKafkaAndTheDecisions(ApicurioRegistry registry) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.onFreePorts(dir.resolve("kafka")).start();
        try (GatewayStack stack = GatewayStack.startWithoutGateway(kafka.bootstrapServers(), registry, dir, "ready");
             GatewayService gateway = GatewayService.start(GatewayConfig.from(Settings.of(
                     stack.gatewaySettings(Map.of("gateway.decision-timeout", "5s")))))) {
            stack.mmsc().respond("/mms", r -> new StubMmsc.Response(200, Mm1TestPdus.MMS,
                    okConf(decode(r.body()).transactionId())));
            int gw = gateway.httpPort();
            int inspection = stack.inspection().httpPort();
            await().atMost(AWAIT).until(() -> ready(gw).statusCode() == 200 && ready(inspection).statusCode() == 200);

            kafka.close();
            await().atMost(AWAIT).until(() -> ready(gw).statusCode() == 503 && ready(inspection).statusCode() == 503);
            assertThat(ready(gw).body()).startsWith("not ready\n").contains("\nkafka: Kafka at ");
            assertThat(ready(inspection).body()).startsWith("not ready\n").contains("\nkafka: Kafka at ");
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw + "/health/live"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("liveness is the process")
                    .isEqualTo(200);

            kafka.start();
            await().atMost(AWAIT).until(() -> ready(gw).statusCode() == 200 && ready(inspection).statusCode() == 200);
            assertThat(send(gateway, "after-outage", "+436641000201")).isEqualTo(StatusCodes.OK);

            stack.inspection().close();
            List<CompletableFuture<Integer>> sessions = IntStream.range(0, 5)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            return send(gateway, "no-inspection-" + i, "+43664100030" + i);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })).toList();
            sessions.forEach(s -> assertThat(s.join()).as("temporary failure").isEqualTo(0xC0));
            HttpResponse<String> notReady = ready(gw);
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).isEqualTo(
                    "not ready\ndecisions: the last 5 sessions got no decision (timed out or not published)\n");

            await().atMost(AWAIT).until(() -> ready(gw).statusCode() == 200);
        } finally {
            kafka.close();
        }
    }

    /**
     * A deployment whose mms.inbound predates LogAppendTime: the gateway's clock would be measured against itself and
     * judge every session's expiry, so the gateway says it is not ready, naming the fix, and turns ready by itself
     * once an operator has applied it. Sessions are still decided meanwhile (readiness steers a load balancer only).
     */
    @Test
    void aCreateTimeInboundTopicIsNamedUntilItIsCorrected(ApicurioRegistry registry) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.onFreePorts(dir.resolve("kafka")).start();
        try (GatewayStack stack = GatewayStack.startWithoutGateway(kafka.bootstrapServers(), registry, dir, "ctime");
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            timestampType(admin, "ctime.inbound", "CreateTime");
            try (GatewayService gateway = GatewayService.start(GatewayConfig.from(Settings.of(
                    stack.gatewaySettings(Map.of("gateway.decision-timeout", "5s")))))) {
                stack.mmsc().respond("/mms", r -> new StubMmsc.Response(200, Mm1TestPdus.MMS,
                        okConf(decode(r.body()).transactionId())));
                int gw = gateway.httpPort();
                HttpResponse<String> notReady = ready(gw);
                assertThat(notReady.statusCode()).isEqualTo(503);
                assertThat(notReady.body()).contains("\nclock: ctime.inbound has message.timestamp.type=CreateTime, "
                        + "not LogAppendTime").contains("--add-config message.timestamp.type=LogAppendTime");
                assertThat(send(gateway, "create-time", "+436641000401")).isEqualTo(StatusCodes.OK);

                timestampType(admin, "ctime.inbound", "LogAppendTime");
                await().atMost(AWAIT).until(() -> ready(gw).statusCode() == 200);
            }
        } finally {
            kafka.close();
        }
    }

    private static void timestampType(Admin admin, String topic, String type) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(new AlterConfigOp(new ConfigEntry("message.timestamp.type", type),
                        AlterConfigOp.OpType.SET)))).all().get();
    }
}

