package io.mmsguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerProcessClusterTest {

    @Test
    void killingANodeByPidLosesNoAcknowledgedRecordAndTheNodeRejoins(@TempDir Path dir) throws Exception {
        try (BrokerProcessCluster cluster = BrokerProcessCluster.start(dir, 3)) {
            KafkaRecords.createTopic(cluster.bootstrapServers(), "crash", 3, (short) 3);
            long victimPid = cluster.pid(2);
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            try (KafkaProducer<String, String> producer = KafkaRecords.producer(cluster.bootstrapServers())) {
                for (int i = 0; i < 2000; i++) {
                    if (i == 1000) {
                        cluster.kill(2);
                    }
                    acks.add(producer.send(new ProducerRecord<>("crash", "k" + i, "v" + i)));
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get();
                }
            }
            assertThat(ProcessHandle.of(victimPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(cluster.isRunning(2)).isFalse();

            var records = KafkaRecords.readAll(cluster.bootstrapServers(), "crash", 2000, Duration.ofSeconds(60));
            assertThat(records).extracting(r -> r.key()).doesNotHaveDuplicates().hasSize(2000);

            cluster.startNode(2);
            cluster.awaitBrokers(3, Duration.ofSeconds(60));
            assertThat(cluster.pid(2)).isNotEqualTo(victimPid);
        }
    }
}
