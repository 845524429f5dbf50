package io.mmsguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @Test
    void recordsSurviveARestartOnTheSameDataDirectory(@TempDir Path dataDir) throws Exception {
        int port;
        try (EmbeddedKafka kafka = EmbeddedKafka.onFreePorts(dataDir).start()) {
            port = kafka.brokerPort();
            KafkaRecords.createTopic(kafka.bootstrapServers(), "restart-check", 2, (short) 1);
            try (KafkaProducer<String, String> producer = KafkaRecords.producer(kafka.bootstrapServers())) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("restart-check", "k" + i, "v" + i)).get();
                }
            }
            assertThat(KafkaRecords.readAll(kafka.bootstrapServers(), "restart-check", 100, Duration.ofSeconds(30))).hasSize(100);
        }
        assertThat(dataDir.resolve("meta.properties")).exists();

        try (EmbeddedKafka again = new EmbeddedKafka(dataDir, "127.0.0.1", port, 0, java.util.Map.of()).start()) {
            var records = KafkaRecords.readAll(again.bootstrapServers(), "restart-check", 100, Duration.ofSeconds(30));
            assertThat(records).hasSize(100);
            assertThat(records).extracting(r -> r.value()).contains("v0", "v99");
        }
    }
}
