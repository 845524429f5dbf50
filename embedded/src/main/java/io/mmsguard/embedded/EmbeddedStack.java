package io.mmsguard.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.mmsguard.deploy.TopicPlan;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.schemas.Topics;
import io.mmsguard.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one infrastructure on loopback: a real single-node KRaft Kafka inside this JVM and the Apicurio
 * registry as a child process, both keeping their data under one directory so that a restart finds its topics,
 * offsets and schema ids again (ids are baked into every stored record, so the registry must persist too).
 * On start it creates the mmsguard topics that are missing (and sets mms.inbound's timestamp type on an existing one)
 * and registers every contract schema.
 */
public final class EmbeddedStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    /** Where the stack keeps its data and which loopback ports it binds. */
    public record Settings(Path dataDir, int kafkaPort, int kafkaControllerPort, int registryPort) {
    }

    private final EmbeddedKafka kafka;
    private final ApicurioRegistry registry;
    private final Map<String, Integer> schemaIds;
    private boolean closed;

    private EmbeddedStack(EmbeddedKafka kafka, ApicurioRegistry registry, Map<String, Integer> schemaIds) {
        this.kafka = kafka;
        this.registry = registry;
        this.schemaIds = schemaIds;
    }

    public static EmbeddedStack start(Settings settings) {
        return start(settings, TopicPlan.ARCHIVE_RETENTION);
    }

    /** @param archiveRetention how long mms.archive keeps messages; applied to an existing archive too */
    public static EmbeddedStack start(Settings settings, Duration archiveRetention) {
        Path data = settings.dataDir().toAbsolutePath();
        EmbeddedKafka kafka = new EmbeddedKafka(data.resolve("kafka"), "127.0.0.1", settings.kafkaPort(),
                // The broker default covers topics created before this limit existed (createMissingTopics leaves them).
                settings.kafkaControllerPort(), MessageSize.brokerConfigs()).start();
        ApicurioRegistry registry = null;
        try {
            registry = ApicurioRegistry.start(data.resolve("logs"), settings.registryPort(), data.resolve("registry"),
                    Duration.ofSeconds(120));
            createMissingTopics(kafka.bootstrapServers(), TopicPlan.embedded(archiveRetention));
            Map<String, Integer> ids = registerContracts(registry.url());
            return new EmbeddedStack(kafka, registry, ids);
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            kafka.close();
            throw e;
        }
    }

    static void createMissingTopics(String bootstrap, List<TopicPlan.TopicSpec> plan) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            Map<ConfigResource, Collection<AlterConfigOp>> corrections = new HashMap<>();
            for (TopicPlan.TopicSpec spec : plan) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
                } else if (spec.name().equals(Topics.ARCHIVE)) {
                    // The operator's archive retention holds for the messages already archived too.
                    corrections.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), List.of(
                            new AlterConfigOp(new ConfigEntry("retention.ms", spec.configs().get("retention.ms")),
                                    AlterConfigOp.OpType.SET)));
                } else if (spec.configs().containsKey(Topics.TIMESTAMP_TYPE)) {
                    // A data directory of an older release has mms.inbound with CreateTime; session expiry must be
                    // measured from the broker's append time, so this one config is corrected (idempotent).
                    corrections.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), List.of(
                            new AlterConfigOp(new ConfigEntry(Topics.TIMESTAMP_TYPE,
                                    spec.configs().get(Topics.TIMESTAMP_TYPE)), AlterConfigOp.OpType.SET)));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
            }
            if (!corrections.isEmpty()) {
                admin.incrementalAlterConfigs(corrections).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the mmsguard topics: " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> registerContracts(String registryUrl) {
        SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl));
        Map<String, Integer> ids = io.mmsguard.deploy.ContractSchemas.registerAll(client);
        log.info("registered contract schemas {}", ids);
        return ids;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public long registryPid() {
        return registry.pid();
    }

    /** Subject -> schema id of every contract, as registered on start. */
    public Map<String, Integer> schemaIds() {
        return schemaIds;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        registry.close();
        kafka.close();
    }
}
