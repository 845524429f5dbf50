package io.mmsguard.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.mmsguard.service.Settings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/**
 * A restarted notifier's partitions come back after its dead member's session expires: both of its groups (the
 * aggregation and the delivery consumer) start from the short group failover defaults, and an operator's kafka.*
 * setting still decides.
 */
class NotifierFailoverPropertiesTest {

    private static NotifierConfig config(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>(Map.of("kafka.bootstrap.servers", "127.0.0.1:9092",
                "serde.schema.registry.url", "http://127.0.0.1:8081"));
        s.putAll(extra);
        return NotifierConfig.from(Settings.of(s));
    }

    @Test
    void bothGroupsNoticeACrashedMemberWithinSixSeconds() {
        for (Map<String, Object> p : new Map[] {NotifierApp.aggregationProperties(config(Map.of())),
                NotifierApp.deliveryProperties(config(Map.of()))}) {
            assertThat(p).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000)
                    .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2000);
        }
    }

    @Test
    void anOperatorsSettingWins() {
        NotifierConfig c = config(Map.of("kafka.session.timeout.ms", "45000"));

        assertThat(NotifierApp.aggregationProperties(c)).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "45000");
        assertThat(NotifierApp.deliveryProperties(c)).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "45000");
    }
}
