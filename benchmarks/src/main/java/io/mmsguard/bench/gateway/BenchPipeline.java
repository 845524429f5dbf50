package io.mmsguard.bench.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What the gateway benchmarks run against: a real single-node KRaft broker in this JVM, a real Apicurio registry
 * (child process), the mms.* topics and the inspection service with its default profile.
 */
final class BenchPipeline implements AutoCloseable {
    private final KafkaTestCluster kafka;
    private final ApicurioRegistry registry;
    private final Path work;
    private InspectionService inspection;

    BenchPipeline() throws Exception {
        work = Files.createTempDirectory("mmsguard-gw-bench");
        kafka = KafkaTestCluster.singleNode();
        registry = ApicurioRegistry.start(work.resolve("registry"));
        kafka.admin().createTopics(List.of(new NewTopic("mms.inbound", 3, (short) 1),
                new NewTopic("mms.decisions", 1, (short) 1),
                new NewTopic("mms.profiles", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic("mms.endpoint-lists", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic("mms.archive", 3, (short) 1), new NewTopic("mms.alerts", 1, (short) 1),
                new NewTopic("mms.inspection-log", 3, (short) 1))).all().get();
    }

    /** Kafka and registry settings every service needs. */
    Map<String, String> common() {
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(), "serde.schema.registry.url",
                registry.url());
    }

    /** Starts the inspection service and waits until it runs. */
    void startInspection(int commitIntervalMs) throws Exception {
        Map<String, String> is = new HashMap<>(common());
        is.put("inspection.state-dir", work.resolve("streams").toString());
        is.put("inspection.http-port", "0");
        is.put("inspection.commit-interval", commitIntervalMs + "ms");
        inspection = InspectionService.start(InspectionConfig.from(Settings.of(is)));
        if (!inspection.awaitRunning(Duration.ofMinutes(2))) {
            throw new IllegalStateException("inspection not running: " + inspection.streams().state());
        }
    }

    /** Gateway settings with the Kafka ones and no listener enabled; the benchmark adds its listener. */
    Map<String, String> gatewaySettings() {
        Map<String, String> gw = new HashMap<>(common());
        gw.put("gateway.id", "bench");
        gw.put("gateway.http-port", "0");
        gw.put("gateway.decision-timeout", "30s");
        gw.put("mm1.enabled", "false");
        return gw;
    }

    @Override
    public void close() {
        if (inspection != null) {
            inspection.close();
        }
        registry.close();
        kafka.close();
    }
}
