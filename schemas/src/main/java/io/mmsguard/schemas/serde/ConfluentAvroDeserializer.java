package io.mmsguard.schemas.serde;

import java.io.IOException;
import java.util.Map;

import io.mmsguard.schemas.registry.BoundedCache;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro values: fetches the writer schema by the id in the record, then resolves it
 * against the reader schema (the generated class, when one is asked for) following Avro's schema-evolution
 * rules, so that old records read with a newer class.
 */
public final class ConfluentAvroDeserializer<T> implements Deserializer<T> {
    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private final Schema targetSchema;
    private GenericData genericModel = GenericData.get();
    private final BoundedCache<ReaderKey, DatumReader<Object>> readers = new BoundedCache<>(1000, -1);

    private record ReaderKey(int writerId, Schema reader, boolean specific) {
    }

    /** For Kafka's reflective instantiation; {@link #configure} must follow. */
    public ConfluentAvroDeserializer() {
        this.targetSchema = null;
    }

    /**
     * @param targetType the generated class to read into whatever the writer's record name, or null to follow
     *                   {@code specific.avro.reader}
     */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey,
                                     Class<? extends SpecificRecord> targetType) {
        this.registry = registry;
        this.targetSchema = targetType == null ? null : SpecificData.getForClass(targetType).getSchema(targetType);
        applyConfig(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SchemaRegistryClient.create(configs);
        }
        applyConfig(configs, isKey);
    }

    private void applyConfig(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs, isKey);
        this.genericModel = config.logicalTypeConverters() ? AvroDatum.genericWithLogicalTypes() : GenericData.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("deserializer not configured: set schema.registry.url");
        }
        int id = WireFormat.schemaId(topic, data);
        Schema writer;
        try {
            writer = registry.getById(id);
        } catch (SchemaRegistryException.SchemaNotFound e) {
            throw new SerializationException("record on topic " + topic + " names schema id " + id
                    + ", which the schema registry does not know: " + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("cannot fetch schema id " + id + " for a record on topic " + topic
                    + ": " + e.getMessage(), e);
        }
        try {
            DatumReader<Object> reader = reader(id, writer);
            Decoder decoder = new BoundedBinaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE);
            return (T) AvroDatum.fromAvro(reader.read(null, decoder));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read a record on topic " + topic + " with schema id " + id
                    + " (" + writer.getFullName() + "): " + e.getMessage(), e);
        }
    }

    /** Fetches and caches the writer schema of this id, so that the first record with it does not wait for the registry. */
    public void prepare(int id) {
        if (registry == null) {
            throw new IllegalStateException("deserializer not configured: set schema.registry.url");
        }
        registry.getById(id);
    }

    private DatumReader<Object> reader(int id, Schema writer) {
        Schema reader = writer;
        boolean specific = false;
        if (targetSchema != null) {
            reader = targetSchema;
            specific = true;
        } else if (config.specificReader() && writer.getType() == Schema.Type.RECORD) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
                throw new SerializationException("specific.avro.reader is set but no generated class "
                        + writer.getFullName() + " is on the classpath");
            }
            reader = SpecificData.get().getSchema(generated);
            specific = true;
        }
        Schema readerSchema = reader;
        return readers.get(new ReaderKey(id, readerSchema, specific), k -> k.specific()
                ? new SpecificDatumReader<>(writer, k.reader(), SpecificData.getForSchema(k.reader()))
                : new GenericDatumReader<>(writer, k.reader(), genericModel));
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
