package io.mmsguard.schemas;

import java.util.HashMap;
import java.util.Map;

import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.AvroSerdeConfig;
import io.mmsguard.schemas.serde.ConfluentAvroSerde;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The contract topics as one service reads and writes them: each {@link Contract} as a {@link Topic} with string
 * keys and Confluent-wire-format Avro values, all sharing the service's one registry client (one set of caches) and
 * its serde settings (Confluent's key names). A service that runs twice in one JVM (the embedded mode) makes one of
 * these per service, so no serde state is shared between them.
 */
public final class ContractTopics {
    private final SchemaRegistryClient registry;
    private final Map<String, ?> configs;

    public ContractTopics(SchemaRegistryClient registry, Map<String, ?> configs) {
        this.registry = registry;
        this.configs = Map.copyOf(configs);
    }

    /** With a registry client of its own, made from the same settings ({@code schema.registry.url}, ...). */
    public static ContractTopics create(Map<String, ?> configs) {
        return new ContractTopics(SchemaRegistryClient.create(configs), configs);
    }

    /** The contract's topic under its default name. */
    public <V extends SpecificRecord> Topic<String, V> topic(Contract<V> contract) {
        return topic(contract, contract.defaultTopic());
    }

    /** The contract's topic under the name configuration gives it. */
    public <V extends SpecificRecord> Topic<String, V> topic(Contract<V> contract, String name) {
        if (!Contracts.ALL.contains(contract)) {
            throw new IllegalArgumentException(contract + " is not a contract topic");
        }
        return new Topic<>(name, Serdes.String(), ConfluentAvroSerde.forSpecific(contract.type(), registry, configs,
                false));
    }

    /**
     * For a topic this service writes: resolves the schema id of the contract's record on it (registering it where
     * configured to, as the first write would) and fetches the schema by id into this instance's registry client,
     * which every serde it hands out shares: the first record written or read on the topic then does not wait for
     * the registry (a cold start's first session would).
     *
     * @param topic the topic's name; for an internal contract the name Kafka Streams gives the topic
     * @throws org.apache.kafka.common.errors.SerializationException when the registry has no id for it
     */
    public void prepare(Contract<?> contract, String topic) {
        Serde<?> serde = Contracts.INTERNAL.contains(contract) ? internalValueSerde(contract)
                : topic(contract, topic).valueSerde();
        ((ConfluentAvroSerde<?>) serde).prepare(topic, SpecificData.get().getSchema(contract.type()));
    }

    /**
     * The value serde of a record on a Kafka Streams internal topic ({@link Contracts#INTERNAL}), whose name Streams
     * derives. Its subject belongs to the application like the topic does, so it registers its schema itself even
     * where the contracts' {@code auto.register.schemas} is off (contracts are registered by deployment, internal
     * records are not).
     */
    public <V extends SpecificRecord> Serde<V> internalValueSerde(Contract<V> contract) {
        if (!Contracts.INTERNAL.contains(contract)) {
            throw new IllegalArgumentException(contract + " is not the record of an internal topic");
        }
        Map<String, Object> internal = new HashMap<>(configs);
        internal.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        return ConfluentAvroSerde.forSpecific(contract.type(), registry, internal, false);
    }
}
