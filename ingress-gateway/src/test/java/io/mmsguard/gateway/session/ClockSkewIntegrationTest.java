package io.mmsguard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topics;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The skew estimate from a real broker's append time (mms.inbound is LogAppendTime): a gateway whose clock runs ten
 * minutes ahead of or behind the broker's (the same machine's, so the fake offset is the whole skew) measures it from
 * its first acknowledged envelope and is then out of bound.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ClockSkewIntegrationTest {
    private static final long TEN_MINUTES = Duration.ofMinutes(10).toMillis();

    @Test
    void aGatewayTenMinutesAheadOrBehindTheBrokerMeasuresItFromTheAppendTime(KafkaTestCluster kafka,
                                                                             ApicurioRegistry registry)
            throws Exception {
        assertThat(skewOf(kafka, registry, TEN_MINUTES)).isCloseTo(600.0, within(5.0));
        assertThat(skewOf(kafka, registry, -TEN_MINUTES)).isCloseTo(-600.0, within(5.0));
        assertThat(skewOf(kafka, registry, 0)).isCloseTo(0.0, within(1.0));
    }

    /** Publishes one envelope from a gateway whose clock is {@code offsetMillis} off this host's; the skew it saw. */
    private static double skewOf(KafkaTestCluster kafka, ApicurioRegistry registry, long offsetMillis)
            throws Exception {
        String topic = "skew-" + UUID.randomUUID() + ".inbound";
        kafka.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Topics.inboundTopicConfigs())))
                .all().get(30, TimeUnit.SECONDS);
        ClockSkew skew = new ClockSkew(Duration.ofSeconds(5));
        Map<String, Object> serde = Map.of("schema.registry.url", registry.url());
        try (EnvelopePublisher publisher = new EnvelopePublisher(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                ContractTopics.create(serde).topic(Contracts.INBOUND, topic), Duration.ofSeconds(10), skew,
                () -> System.currentTimeMillis() + offsetMillis)) {
            SessionTicket ticket = new SessionTicket(UUID.randomUUID().toString(), "gw", 0, java.time.Instant.now(),
                    Duration.ofSeconds(10));
            RecordMetadata meta = publisher.publish(Envelopes.envelope(ticket)).get(30, TimeUnit.SECONDS);
            assertThat(meta.hasTimestamp()).isTrue();
        }
        assertThat(skew.withinBound()).isEqualTo(offsetMillis == 0);
        return skew.seconds();
    }
}
