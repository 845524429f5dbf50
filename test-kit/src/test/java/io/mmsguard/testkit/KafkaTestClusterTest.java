package io.mmsguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

class KafkaTestClusterTest {

    @Test
    void threeNodeClusterKeepsAcceptingAndServingWritesAfterLosingItsActiveController() throws Exception {
        try (KafkaTestCluster cluster = KafkaTestCluster.threeNodes()) {
            assertThat(cluster.nodeIds()).hasSize(3);
            KafkaRecords.createTopic(cluster.bootstrapServers(), "rf3", 3, (short) 3);
            try (KafkaProducer<String, String> producer = KafkaRecords.producer(cluster.bootstrapServers())) {
                sendAll(producer, 0, 500);
                cluster.stopNode(cluster.activeControllerId());
                sendAll(producer, 500, 1000);
            }
            var records = KafkaRecords.readAll(cluster.bootstrapServers(), "rf3", 1000, Duration.ofSeconds(60));
            assertThat(records).extracting(r -> r.key()).doesNotHaveDuplicates().hasSize(1000);
        }
    }

    private static void sendAll(KafkaProducer<String, String> producer, int from, int to) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = from; i < to; i++) {
            acks.add(producer.send(new ProducerRecord<>("rf3", "k" + i, "v" + i)));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }
}
