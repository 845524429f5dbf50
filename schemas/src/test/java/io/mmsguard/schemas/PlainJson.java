package io.mmsguard.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro values (generic or generated) as plain JSON, the neutral form in which tests compare what different
 * implementations wrote or read: unions unwrapped, bytes as base64, timestamp-millis as epoch millis, enums as
 * symbols. Independent of our serde, so it can judge it.
 */
public final class PlainJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PlainJson() {
    }

    public static JsonNode of(IndexedRecord record) {
        return normalize(toPlain(record.getSchema(), record));
    }

    /** Re-parses a tree so that numbers compare by value (IntNode 5 equals a LongNode 5 after this). */
    public static JsonNode normalize(JsonNode node) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static JsonNode toPlain(Schema schema, Object value) {
        if (value == null) {
            return F.nullNode();
        }
        switch (schema.getType()) {
            case UNION: {
                Schema branch = schema.getTypes().size() == 2 && schema.getTypes().get(0).getType() == Schema.Type.NULL
                        ? schema.getTypes().get(1)
                        : schema.getTypes().get(GenericData.get().resolveUnion(schema, value));
                return toPlain(branch, value);
            }
            case RECORD: {
                IndexedRecord r = (IndexedRecord) value;
                ObjectNode o = F.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    o.set(field.name(), toPlain(field.schema(), r.get(field.pos())));
                }
                return o;
            }
            case ARRAY: {
                ArrayNode a = F.arrayNode();
                for (Object item : (Collection<?>) value) {
                    a.add(toPlain(schema.getElementType(), item));
                }
                return a;
            }
            case MAP: {
                ObjectNode o = F.objectNode();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    o.set(e.getKey().toString(), toPlain(schema.getValueType(), e.getValue()));
                }
                return o;
            }
            case BYTES: {
                ByteBuffer b = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                return F.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED:
                return F.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case LONG:
                return F.numberNode(value instanceof Instant i ? i.toEpochMilli() : ((Number) value).longValue());
            case INT:
                return F.numberNode(((Number) value).intValue());
            case FLOAT:
            case DOUBLE:
                return F.numberNode(((Number) value).doubleValue());
            case BOOLEAN:
                return F.booleanNode((Boolean) value);
            case STRING:
            case ENUM:
                return F.textNode(value.toString());
            default:
                throw new IllegalArgumentException("unsupported schema type " + schema.getType());
        }
    }
}
