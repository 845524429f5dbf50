package io.mmsguard.schemas.serde;

import java.nio.ByteBuffer;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

/**
 * What Confluent's Avro serde accepts besides records: the Avro primitives, mapped to and from plain Java types
 * the same way (string as String, bytes as byte[]).
 */
final class AvroDatum {
    private AvroDatum() {
    }

    /** The writer schema of a value: its own for records, enums and fixed; a primitive schema otherwise. */
    static Schema schemaOf(Object value) {
        if (value instanceof GenericContainer c) {
            return c.getSchema();
        }
        if (value instanceof CharSequence) {
            return Schema.create(Schema.Type.STRING);
        }
        if (value instanceof Integer) {
            return Schema.create(Schema.Type.INT);
        }
        if (value instanceof Long) {
            return Schema.create(Schema.Type.LONG);
        }
        if (value instanceof Boolean) {
            return Schema.create(Schema.Type.BOOLEAN);
        }
        if (value instanceof Float) {
            return Schema.create(Schema.Type.FLOAT);
        }
        if (value instanceof Double) {
            return Schema.create(Schema.Type.DOUBLE);
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return Schema.create(Schema.Type.BYTES);
        }
        throw new IllegalArgumentException("cannot serialize " + value.getClass().getName()
                + " as Avro: use a record (SpecificRecord or GenericRecord) or a primitive");
    }

    /** byte[] is written as Avro bytes, which Avro's writers expect as a ByteBuffer. */
    static Object toAvro(Object value) {
        return value instanceof byte[] b ? ByteBuffer.wrap(b) : value;
    }

    /** Avro's readers give Utf8 and ByteBuffer for primitives; callers of a Kafka deserializer expect String and byte[]. */
    static Object fromAvro(Object value) {
        if (value instanceof Utf8 u) {
            return u.toString();
        }
        if (value instanceof ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
        return value;
    }

    /** A generic data model that maps logical types to Java types, as Confluent's avro.use.logical.type.converters. */
    static GenericData genericWithLogicalTypes() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return data;
    }
}
