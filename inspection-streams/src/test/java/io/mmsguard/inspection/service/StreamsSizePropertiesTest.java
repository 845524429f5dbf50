package io.mmsguard.inspection.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import io.mmsguard.schemas.MessageSize;
import io.mmsguard.service.Settings;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * The inspection writes content-carrying records (mms.archive, the by-checksum repartition topic): its producer and
 * the repartition topic it creates take {@link MessageSize#MAX_RECORD_BYTES}, unless the operator says otherwise.
 */
class StreamsSizePropertiesTest {

    private static InspectionConfig config(Map<String, String> extra) {
        Map<String, String> s = new java.util.HashMap<>(Map.of("kafka.bootstrap.servers", "127.0.0.1:9092",
                "serde.schema.registry.url", "http://127.0.0.1:8081"));
        s.putAll(extra);
        return InspectionConfig.from(Settings.of(s));
    }

    @Test
    void producerAndRepartitionTopicTakeTheRecordSize() {
        Properties p = InspectionService.streamsProperties(config(Map.of()), new HostInfo("localhost", 8091));

        assertThat(p.get("max.request.size")).isEqualTo(MessageSize.MAX_RECORD_BYTES);
        assertThat(p.get(StreamsConfig.topicPrefix("max.message.bytes"))).isEqualTo(MessageSize.MAX_RECORD_BYTES);
    }

    @Test
    void anExplicitKafkaSettingWins() {
        Properties p = InspectionService.streamsProperties(config(Map.of("kafka.max.request.size", "33554432")),
                new HostInfo("localhost", 8091));

        assertThat(p.get("max.request.size")).isEqualTo("33554432");
    }
}
