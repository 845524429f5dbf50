package io.mmsguard.schemas.serde;

import java.util.Map;

import io.mmsguard.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The Confluent-wire-format Avro serializer and deserializer as one Kafka Streams serde. */
public final class ConfluentAvroSerde<T> implements Serde<T> {
    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    /** For reflective instantiation ({@code default.value.serde}); {@link #configure} must follow. */
    public ConfluentAvroSerde() {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>();
    }

    private ConfluentAvroSerde(ConfluentAvroSerializer<T> serializer, ConfluentAvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /** A serde for one generated record type, sharing one registry client (and its caches) between both sides. */
    public static <R extends SpecificRecord> ConfluentAvroSerde<R> forSpecific(Class<R> type, SchemaRegistryClient registry,
                                                                              Map<String, ?> configs, boolean isKey) {
        return new ConfluentAvroSerde<>(new ConfluentAvroSerializer<>(registry, configs, isKey),
                new ConfluentAvroDeserializer<>(registry, configs, isKey, type));
    }

    /** A serde for generic records (or generated ones, with {@code specific.avro.reader=true}). */
    public static <V> ConfluentAvroSerde<V> forAny(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
        return new ConfluentAvroSerde<>(new ConfluentAvroSerializer<>(registry, configs, isKey),
                new ConfluentAvroDeserializer<>(registry, configs, isKey, null));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    /**
     * Resolves the id this schema is written with on the topic and fetches the schema by that id, as the first write
     * and the first read would: both then find it cached.
     */
    public void prepare(String topic, Schema schema) {
        deserializer.prepare(serializer.prepare(topic, schema));
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
