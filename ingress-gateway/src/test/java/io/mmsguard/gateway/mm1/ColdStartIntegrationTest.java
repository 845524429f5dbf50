package io.mmsguard.gateway.mm1;

import static io.mmsguard.gateway.mm1.Mm1TestPdus.decode;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.okConf;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.post;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.sendReq;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.gateway.GatewayStack;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cold start (issue 16): on a fresh deployment (topics, inspection and gateway all new) the first sessions, eight of
 * them sent at once the moment {@link GatewayService#start} returns, are decided within the default decision timeout
 * and forwarded, not answered with a temporary failure.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ColdStartIntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(ColdStartIntegrationTest.class);
    private static final int SESSIONS = 8;
    @TempDir
    Path dir;

    @Test
    void theFirstSessionsAfterStartAreDecided(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        try (GatewayStack stack = GatewayStack.startWithoutGateway(kafka, registry, dir, "cold-start")) {
            stack.mmsc().respond("/mms", r -> new StubMmsc.Response(200, Mm1TestPdus.MMS,
                    okConf(decode(r.body()).transactionId())));
            // the default gateway.decision-timeout (5 s), not the stack's longer one
            Map<String, String> settings = stack.gatewaySettings(Map.of("gateway.decision-timeout", "5s"));
            long t0 = System.nanoTime();
            try (GatewayService gateway = GatewayService.start(GatewayConfig.from(Settings.of(settings)))) {
                long started = System.nanoTime();
                URI mm1 = URI.create("http://127.0.0.1:" + gateway.port("mm1") + "/mms");
                List<CompletableFuture<HttpResponse<byte[]>>> answers = IntStream.range(0, SESSIONS)
                        .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                            try {
                                return post(mm1, Mm1Encoder.encode(sendReq("cold-" + i, "+43664100011" + i
                                        + "/TYPE=PLMN", "first", text("t", "a first message of a fresh deployment"))));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })).toList();
                for (int i = 0; i < SESSIONS; i++) {
                    MmsPdu conf = decode(answers.get(i).join().body());
                    LOG.info("cold start: gateway start {} ms, session {} answered after {} ms",
                            (started - t0) / 1_000_000, i, (System.nanoTime() - started) / 1_000_000);
                    assertThat(conf.transactionId()).isEqualTo("cold-" + i);
                    assertThat(conf.responseStatus()).as("Ok, not a temporary failure").isEqualTo(StatusCodes.OK);
                }
                assertThat(stack.mmsc().received()).hasSize(SESSIONS);
            }
        }
    }
}
