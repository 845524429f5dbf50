package io.mmsguard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.ConfluentAvroDeserializer;
import io.mmsguard.schemas.serde.ConfluentAvroSerializer;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The session core on a real broker of its own (so that the test can stop it): envelopes reach mms.inbound keyed by
 * sender, decisions on this gateway's reply partition complete their sessions, a poisoned record on that partition
 * does not stop the listener, and with the broker gone every session still ends within its timeout. Envelopes carry
 * the session timeout and, on a LogAppendTime topic, the broker's append time, which the skew estimate reads.
 */
@ExtendWith(SharedRegistry.class)
class SessionCoreKafkaIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(4);

    @Test
    void decisionsCompleteSessionsAndABrokerOutageEndsThemWithinTheTimeout(ApicurioRegistry registry)
            throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.singleNode();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(meters);
        PendingSessions pending = new PendingSessions(100);
        RoundTrips roundTrips = new RoundTrips(5, TIMEOUT.multipliedBy(2), System::nanoTime);
        Map<String, String> kafkaConfig = Map.of("bootstrap.servers", kafka.bootstrapServers());
        Map<String, Object> serde = Map.of("schema.registry.url", registry.url());
        kafka.admin().createTopics(List.of(new NewTopic("sc.inbound", 1, (short) 1).configs(Topics.inboundTopicConfigs()),
                new NewTopic("sc.decisions", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        ContractTopics contracts = ContractTopics.create(serde);
        ClockSkew skew = new ClockSkew(Duration.ofSeconds(5));
        try (EnvelopePublisher publisher = new EnvelopePublisher(kafkaConfig,
                     contracts.topic(Contracts.INBOUND, "sc.inbound"), TIMEOUT, skew);
             DecisionListener listener = new DecisionListener(kafkaConfig,
                     contracts.topic(Contracts.DECISIONS, "sc.decisions"), List.of(1), pending, metrics, roundTrips);
             KafkaProducer<String, Object> decisions = producer(kafka, serde);
             KafkaConsumer<String, MmsEnvelope> inbound = inboundReader(kafka, serde)) {
            listener.start();
            assertThat(listener.awaitAssigned(Duration.ofSeconds(30))).isTrue();
            SessionCore core = new SessionCore("gw", List.of(1), TIMEOUT, publisher, pending, metrics, timer,
                    roundTrips);

            MmsEnvelope first = Envelopes.envelope(core.newTicket());
            CompletableFuture<SessionOutcome> outcome = core.inspect(first);
            ConsumerRecord<String, MmsEnvelope> published = readOne(inbound);
            assertThat(published.key()).isEqualTo("+491701");
            assertThat(published.value().getSessionId()).isEqualTo(first.getSessionId());
            assertThat(published.value().getSessionTimeoutMs()).isEqualTo(TIMEOUT.toMillis());
            assertThat(published.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
            // Another gateway's partition, then garbage on ours: neither may disturb the session.
            decisions.send(new ProducerRecord<>("sc.decisions", 0, "other", Envelopes.pass("other", 0))).get();
            rawProducer(kafka).send(new ProducerRecord<>("sc.decisions", 1, "x".getBytes(), new byte[] {0, 0, 0, 0, 9}))
                    .get();
            decisions.send(new ProducerRecord<>("sc.decisions", 1, first.getSessionId(),
                    Envelopes.pass(first.getSessionId(), 1))).get();

            assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(SessionOutcome.Decided.class,
                    d -> assertThat(d.decision().getSessionId()).isEqualTo(first.getSessionId()));
            assertThat(meters.get("mmsguard.gateway.decisions.unreadable").counter().count()).isEqualTo(1);
            // This host's clock is the brokers' (one machine): measured, and within the bound.
            assertThat(skew.seconds()).isNotNaN();
            assertThat(skew.withinBound()).isTrue();

            kafka.close();

            MmsEnvelope during = Envelopes.envelope(core.newTicket());
            SessionOutcome ended = core.inspect(during).get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
            assertThat(ended).isInstanceOfAny(SessionOutcome.Unavailable.class, SessionOutcome.TimedOut.class);
            assertThat(pending.size()).isZero();
        } finally {
            timer.shutdownNow();
            kafka.close();
        }
    }

    private static ConsumerRecord<String, MmsEnvelope> readOne(KafkaConsumer<String, MmsEnvelope> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, MmsEnvelope> r : consumer.poll(Duration.ofMillis(200))) {
                return r;
            }
        }
        throw new AssertionError("no envelope on sc.inbound within 30 s");
    }

    private static KafkaConsumer<String, MmsEnvelope> inboundReader(KafkaTestCluster kafka, Map<String, Object> serde) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        KafkaConsumer<String, MmsEnvelope> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ConfluentAvroDeserializer<>(SchemaRegistryClient.create(serde), serde, false, MmsEnvelope.class));
        TopicPartition tp = new TopicPartition("sc.inbound", 0);
        c.assign(List.of(tp));
        c.seekToBeginning(List.of(tp));
        return c;
    }

    private static KafkaProducer<String, Object> producer(KafkaTestCluster kafka, Map<String, Object> serde) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(),
                new ConfluentAvroSerializer<>(SchemaRegistryClient.create(serde), serde, false));
    }

    private static KafkaProducer<byte[], byte[]> rawProducer(KafkaTestCluster kafka) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
