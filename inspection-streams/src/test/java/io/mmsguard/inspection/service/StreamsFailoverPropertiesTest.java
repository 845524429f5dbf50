package io.mmsguard.inspection.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.mmsguard.service.Settings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * A crashed instance's tasks move on after the consumer session timeout: the inspection defaults it to the broker's
 * minimum (docs/reliability.md), and an operator's own setting, plain or prefixed, still decides.
 */
class StreamsFailoverPropertiesTest {

    private static Properties properties(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>(Map.of("kafka.bootstrap.servers", "127.0.0.1:9092",
                "serde.schema.registry.url", "http://127.0.0.1:8081"));
        s.putAll(extra);
        return InspectionService.streamsProperties(InspectionConfig.from(Settings.of(s)), new HostInfo("localhost", 8091));
    }

    /** What the main consumer is built with: Streams lets a main.consumer. key win over the plain one. */
    private static Object mainConsumer(Properties p, String key) {
        return new StreamsConfig(p).getMainConsumerConfigs("g", "c", 0).get(key);
    }

    @Test
    void theMainConsumerDetectsACrashedMemberWithinSixSeconds() {
        Properties p = properties(Map.of());

        assertThat(mainConsumer(p, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo(6000);
        assertThat(mainConsumer(p, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo(2000);
    }

    @Test
    void anOperatorsPlainOrPrefixedSettingWins() {
        assertThat(mainConsumer(properties(Map.of("kafka.session.timeout.ms", "45000")),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo("45000");
        assertThat(mainConsumer(properties(Map.of("kafka.main.consumer.heartbeat.interval.ms", "3000")),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo("3000");
    }
}
