package io.mmsguard.inspection.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session expiry on a real broker and the real service: an envelope whose session timeout has passed since the
 * broker appended it (the topology was not running yet, as after an outage) is, under a fail-closed profile, not
 * counted and not decided; the sender's next message is the first one counted. Its producer timestamp says a day
 * ahead: only the broker's append time (mms.inbound is LogAppendTime) makes it expired.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ExpiredSessionIntegrationTest {
    private static final long TIMEOUT_MS = 1_000;

    @TempDir
    Path stateDir;

    @Test
    void anEnvelopeAppendedLongerAgoThanItsTimeoutIsNotCountedAndNotDecided(KafkaTestCluster kafka,
                                                                             ApicurioRegistry registry)
            throws Exception {
        String app = "it-expired-" + UUID.randomUUID();
        String sender = "+4917100077";
        try (BrokerFixture fx = new BrokerFixture(kafka, registry,
                "it-expired-" + UUID.randomUUID().toString().substring(0, 8), 1, 1)) {
            fx.sendProfile(BrokerFixture.mm1Flood("flood1", 1));
            long producerTimestamp = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
            RecordMetadata appended = fx.send(envelope("exp-late", sender, Instant.now(), TIMEOUT_MS),
                    producerTimestamp).get(30, TimeUnit.SECONDS);
            assertThat(appended.timestamp()).as("the broker's append time, not the producer's")
                    .isLessThan(producerTimestamp - Duration.ofHours(1).toMillis());
            await("the session timeout passed since the append").atMost(BrokerFixture.HANG_GUARD)
                    .until(() -> System.currentTimeMillis() > appended.timestamp() + TIMEOUT_MS);

            try (InspectionService service = BrokerFixture.startRunning(fx.config(app, stateDir, Map.of()))) {
                BrokerFixture.awaitProfileApplied("flood1", service);
                fx.send(envelope("exp-fresh", sender, Instant.now(), Duration.ofMinutes(5).toMillis()))
                        .get(30, TimeUnit.SECONDS);

                List<ConsumerRecord<String, Decision>> decisions = fx.decisions(app, "exp-", 1);
                assertThat(decisions).extracting(r -> r.value().getSessionId()).containsExactly("exp-fresh");
                assertThat(decisions.get(0).value().getVerdict()).as("the first message counted, within the limit")
                        .isEqualTo(Verdict.PASS);

                HttpResponse<String> state = BrokerFixture.get(service, "/state/flood?interface=MM1&key="
                        + URLEncoder.encode(sender, StandardCharsets.UTF_8) + "&profile=flood1");
                assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
                assertThat(BrokerFixture.json(state.body()).path("thresholds").get(0).path("count").asLong())
                        .isEqualTo(1);

                List<InspectionLog> logs = fx.inspectionLogs(app, "exp-late");
                assertThat(logs).hasSize(1);
                assertThat(logs.get(0).getVerdict()).isEqualTo(Verdict.EXPIRED);

                HttpResponse<String> metrics = BrokerFixture.get(service, "/metrics");
                assertThat(metrics.body())
                        .containsPattern("mmsguard_inspection_sessions_expired_total\\{interface=\"MM1\",stage=\"sender\",?} 1\\.0");
            }
        }
    }

    private static MmsEnvelope envelope(String session, String sender, Instant receivedAt, long timeoutMs) {
        return SampleEnvelopes.mm1Send().setSessionId(session).setSender(sender).setProfile("flood1")
                .setReplyPartition(0).setReceivedAt(receivedAt).setSessionTimeoutMs(timeoutMs).build();
    }
}
