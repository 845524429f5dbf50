package io.mmsguard.deploy.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mmsguard.schemas.Contract;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Topic;
import io.mmsguard.schemas.registry.RegistryClientConfig;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.registry.SchemaRegistryException;
import io.mmsguard.schemas.serde.ConfluentAvroSerializer;
import io.mmsguard.service.log.UserInfo;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The resolved Kafka client and serde settings, and the clients built from them. Every client is
 * bounded by {@link #TIMEOUT}, so that a wrong address ends in a one-line error instead of a hang.
 */
public record Connection(Map<String, String> kafka, Map<String, String> serde) {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

    public Connection {
        kafka = Map.copyOf(kafka);
        serde = Map.copyOf(serde);
    }

    public String bootstrapServers() {
        return kafka.get("bootstrap.servers");
    }

    public String registryUrl() {
        return serde.get("schema.registry.url");
    }

    /** Fails with exit code 3 unless a broker answers and the registry lists its subjects within {@link #TIMEOUT}. */
    public void requireReachable() {
        Map<String, Object> admin = new HashMap<>(kafka);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        String kafkaDown = "cannot reach Kafka at " + bootstrapServers() + " within " + TIMEOUT.toSeconds() + "s";
        try (Admin client = Admin.create(admin)) {
            client.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw CliException.unreachable(kafkaDown, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unreachable(kafkaDown, e);
        }
        try {
            registry().subjects();
        } catch (SchemaRegistryException | IllegalArgumentException e) {
            throw CliException.unreachable("cannot reach the schema registry at " + UserInfo.mask(registryUrl())
                    + " within " + TIMEOUT.toSeconds() + "s (" + UserInfo.mask(e.getMessage()) + ")", e);
        }
    }

    public SchemaRegistryClient registry() {
        Map<String, Object> config = new HashMap<>(serde);
        config.putIfAbsent(RegistryClientConfig.CONNECT_TIMEOUT_MS, Long.toString(TIMEOUT.toMillis()));
        config.putIfAbsent(RegistryClientConfig.READ_TIMEOUT_MS, Long.toString(TIMEOUT.toMillis()));
        return SchemaRegistryClient.create(config);
    }

    /** An idempotent producer that waits for every in-sync replica: a written record is not lost on failover. */
    public KafkaProducer<String, SpecificRecord> producer() {
        return producer(new Properties());
    }

    /**
     * The producer of {@code config apply}: transactional under {@code transactionalId}, so that a second apply's
     * initTransactions fences this one and completes or aborts whatever it left open.
     */
    public KafkaProducer<String, SpecificRecord> transactionalProducer(String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        // A CLI that dies inside its transaction holds back read_committed readers until the broker aborts it.
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT.toMillis()));
        return producer(p);
    }

    private KafkaProducer<String, SpecificRecord> producer(Properties extra) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        p.putAll(extra);
        return new KafkaProducer<>(p, new StringSerializer(), new ConfluentAvroSerializer<>(registry(), serde, false));
    }

    /** The contract's topic under the name the command was given, with serdes bound to this registry. */
    public <T extends SpecificRecord> Topic<String, T> topic(Contract<T> contract, String name) {
        return new ContractTopics(registry(), serde).topic(contract, name);
    }

    /** A consumer of the topic without a group: the commands assign partitions and never commit. */
    public <T> KafkaConsumer<String, T> consumer(Topic<String, T> topic) {
        return consumer(topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** As {@link #consumer(Topic)}, for a topic of JSON or text values (mms.config-status). */
    public KafkaConsumer<String, String> textConsumer() {
        return consumer(new StringDeserializer(), new StringDeserializer());
    }

    private <T> KafkaConsumer<String, T> consumer(Deserializer<String> keys, Deserializer<T> values) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // What is in force is what was committed: not an apply still open, nor one aborted (a fenced apply).
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Reading must not create a topic that a mistyped --profiles-topic names.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        return new KafkaConsumer<>(p, keys, values);
    }
}
