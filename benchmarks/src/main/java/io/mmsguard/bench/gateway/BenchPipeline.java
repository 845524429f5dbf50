package io.mmsguard.bench.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
import io.mmsguard.schemas.Topics;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the gateway benchmarks run against: a real single-node KRaft broker, a real Apicurio registry (child
 * process), the mms.* topics and the inspection service (default profile unless one is published).
 */
public final class BenchPipeline implements AutoCloseable {
    private final KafkaTestCluster kafka;
    private final ApicurioRegistry registry;
    private final Path work;
    private InspectionService inspection;

    public BenchPipeline() throws Exception {
        work = Files.createTempDirectory("mmsguard-gw-bench");
        kafka = KafkaTestCluster.singleNode();
        registry = ApicurioRegistry.start(work.resolve("registry"));
        kafka.admin().createTopics(List.of(new NewTopic(Contracts.INBOUND.defaultTopic(), 3, (short) 1)
                        .configs(Topics.inboundTopicConfigs()),
                new NewTopic(Contracts.DECISIONS.defaultTopic(), 1, (short) 1),
                compacted(Contracts.PROFILES.defaultTopic()), compacted(Contracts.ENDPOINT_LISTS.defaultTopic()),
                new NewTopic(Contracts.ARCHIVE.defaultTopic(), 3, (short) 1),
                new NewTopic(Contracts.ALERTS.defaultTopic(), 1, (short) 1),
                new NewTopic(Contracts.INSPECTION_LOG.defaultTopic(), 3, (short) 1),
                new NewTopic(Contracts.STATE_RESETS.defaultTopic(), 3, (short) 1),
                new NewTopic(Contracts.SHADOW_LOG.defaultTopic(), 3, (short) 1))).all().get();
    }

    /** A one-partition compacted topic, as the configuration topics are. */
    public static NewTopic compacted(String name) {
        return new NewTopic(name, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"));
    }

    public KafkaTestCluster kafka() {
        return kafka;
    }

    public String registryUrl() {
        return registry.url();
    }

    /** A scratch directory removed with nothing (the JVM's temp dir). */
    public Path work() {
        return work;
    }

    /** Writes the profile to mms.profiles (acknowledged); the services read it when they start. */
    public void publishProfile(MmsProfile profile) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        Topic<String, MmsProfile> profiles =
                ContractTopics.create(Map.of("schema.registry.url", registry.url())).topic(Contracts.PROFILES);
        try (KafkaProducer<String, MmsProfile> producer = new KafkaProducer<>(p, profiles.keySerde().serializer(),
                profiles.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(profiles.name(), profile.getName(), profile)).get();
        }
    }

    /** Kafka and registry settings every service needs. */
    public Map<String, String> common() {
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(), "serde.schema.registry.url",
                registry.url());
    }

    /** Starts the inspection service and waits until it runs. */
    void startInspection(int commitIntervalMs) throws Exception {
        startInspection(Map.of("inspection.commit-interval", commitIntervalMs + "ms"));
    }

    /** Starts the inspection service with these settings on top of the Kafka ones, and waits until it runs. */
    public void startInspection(Map<String, String> settings) throws Exception {
        Map<String, String> is = new HashMap<>(common());
        is.put("inspection.state-dir", work.resolve("streams").toString());
        is.put("inspection.http-port", "0");
        is.putAll(settings);
        inspection = InspectionService.start(InspectionConfig.from(Settings.of(is)));
        if (!inspection.awaitRunning(Duration.ofMinutes(2))) {
            throw new IllegalStateException("inspection not running: " + inspection.streams().state());
        }
    }

    /** Gateway settings with the Kafka ones and no listener enabled; the benchmark adds its listener. */
    public Map<String, String> gatewaySettings() {
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
