package io.mmsguard.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import io.mmsguard.schemas.registry.BoundedCache;
import io.mmsguard.schemas.registry.RegisteredSchema;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro values in Confluent's wire format, registering or looking up their schema in a
 * Confluent-protocol registry. Accepts generated SpecificRecords, GenericRecords and Avro primitives.
 * Configured either through Kafka ({@code value.serializer} plus Confluent's config keys) or by constructor.
 */
public final class ConfluentAvroSerializer<T> implements Serializer<T> {
    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private boolean isKey;
    private final BoundedCache<WriterKey, DatumWriter<Object>> writers = new BoundedCache<>(1000, -1);

    /*
     * The registry client keys its caches by the schema's JSON text, which costs a full Schema.toString() per record.
     * This cache keys by the very Schema object (generated records share one), so the hot path is a hash lookup;
     * identity rather than Avro's equals, which ignores docs that make the registry's text differ.
     */
    private final BoundedCache<SchemaRef, Integer> ids = new BoundedCache<>(1000, -1);

    private record WriterKey(Schema schema, boolean specific) {
    }

    private record SchemaRef(String subject, Schema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SchemaRef r && r.schema == schema && r.subject.equals(subject);
        }

        @Override
        public int hashCode() {
            return 31 * subject.hashCode() + System.identityHashCode(schema);
        }
    }

    /** For Kafka's reflective instantiation; {@link #configure} must follow. */
    public ConfluentAvroSerializer() {
    }

    public ConfluentAvroSerializer(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
        this.registry = registry;
        this.config = AvroSerdeConfig.from(configs, isKey);
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SchemaRegistryClient.create(configs);
        }
        this.config = AvroSerdeConfig.from(configs, isKey);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("serializer not configured: set schema.registry.url");
        }
        Schema schema = AvroDatum.schemaOf(data);
        RegisteredSchema writerSchema = writerSchema(topic, schema);
        int id = writerSchema.id();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(WireFormat.MAGIC_BYTE);
            out.write(id >>> 24);
            out.write(id >>> 16);
            out.write(id >>> 8);
            out.write(id);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer(writerSchema.schema(), data).write(AvroDatum.toAvro(data), encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write a " + schema.getFullName() + " for topic " + topic
                    + " with schema id " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resolves (registers, looks up or takes the latest, as configured) and caches the schema id that records of
     * this schema on this topic are written with, so that the first record does not wait for the registry.
     *
     * @return the writer schema's id
     * @throws SerializationException when the registry has no id for it or cannot be reached
     */
    public int prepare(String topic, Schema schema) {
        if (registry == null) {
            throw new IllegalStateException("serializer not configured: set schema.registry.url");
        }
        return writerSchema(topic, schema).id();
    }

    private RegisteredSchema writerSchema(String topic, Schema schema) {
        String subject;
        try {
            subject = config.subjectNameStrategy().subjectName(topic, isKey, schema);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("cannot name the subject for topic " + topic + ": " + e.getMessage(), e);
        }
        try {
            if (config.useLatestVersion()) {
                return registry.latest(subject);
            }
            int id = config.autoRegister()
                    ? ids.get(new SchemaRef(subject, schema), k -> registry.register(k.subject(), k.schema()))
                    : ids.get(new SchemaRef(subject, schema), k -> registry.lookup(k.subject(), k.schema()).id());
            return new RegisteredSchema(subject, -1, id, schema); // the version is not needed to write
        } catch (SchemaRegistryException e) {
            throw new SerializationException("cannot get a schema id for subject " + subject + " (topic " + topic + "): "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<Object> writer(Schema schema, Object data) {
        return writers.get(new WriterKey(schema, data instanceof SpecificRecord), k -> k.specific()
                ? (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(k.schema())
                : new GenericDatumWriter<>(k.schema()));
    }

    @Override
    public void close() {
        // The registry client holds no resources beyond its caches.
    }
}
