package io.mmsguard.deploy.cli;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.mmsguard.service.YamlNodes;
import io.mmsguard.service.YamlProblem;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Converts between a YAML tree and an Avro SpecificRecord by walking the record's schema, so that the readable
 * configuration format follows the contracts without a hand-written mapping per field. Field names are the Avro
 * field names; missing fields take their schema default; enums are their symbols (any case); timestamps are
 * ISO-8601 instants; bytes are base64. Every problem carries the YAML line it was found on, because the reader is
 * an operator editing that file.
 *
 * <p>One converter instance reads one record: it collects the problems and the line of every path it saw, which
 * {@link #lineOf(String)} uses to place problems found later (the profile validator's paths) on the right line.
 */
public final class AvroYaml {

    /** Paths are jq-style, relative to the record. */
    private final List<YamlProblem> problems = new ArrayList<>();
    private final Map<String, Integer> lines = new HashMap<>();
    private int rootLine = 1;

    /**
     * Reads {@code node} as a record of {@code type}. The result is null when the node is not a mapping; otherwise
     * it is a record with whatever could be read, valid only when {@link #problems()} is empty.
     */
    public <T extends SpecificRecord> T read(Node node, Class<T> type) {
        rootLine = line(node);
        Schema schema = SpecificData.get().getSchema(type);
        return type.cast(convert(node, schema, ""));
    }

    public List<YamlProblem> problems() {
        return List.copyOf(problems);
    }

    /** The line of {@code path}, or of its nearest ancestor that the YAML spelt out (a defaulted field has none). */
    public int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            p = parent(p);
        }
        return rootLine;
    }

    private static String parent(String path) {
        if (path.endsWith("]")) {
            return path.substring(0, path.lastIndexOf('['));
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private Object convert(Node node, Schema schema, String path) {
        return switch (schema.getType()) {
            case RECORD -> record(node, schema, path);
            case UNION -> union(node, schema, path);
            case ENUM -> enumSymbol(node, schema, path);
            case ARRAY -> array(node, schema, path);
            case MAP -> map(node, schema, path);
            case STRING -> string(node, path);
            case INT -> integer(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int");
            case LONG -> isTimestamp(schema) ? timestamp(node, path)
                    : integer(node, path, Long.MIN_VALUE, Long.MAX_VALUE, "a long");
            case BOOLEAN -> bool(node, path);
            case FLOAT, DOUBLE -> decimal(node, schema, path);
            case BYTES -> bytes(node, path);
            case NULL -> isNull(node) ? null : fail(node, path, "must be null");
            case FIXED -> fail(node, path, "fixed-size values are not supported in YAML");
        };
    }

    private Object record(Node node, Schema schema, String path) {
        if (!(node instanceof MappingNode mapping)) {
            return fail(node, path, "expected a mapping (the fields of " + schema.getName() + "), got " + describe(node));
        }
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                fail(tuple.getKeyNode(), path, "a field name must be a plain string");
                continue;
            }
            String fieldPath = path.isEmpty() ? key : path + "." + key;
            Schema.Field field = schema.getField(key);
            if (field == null) {
                fail(tuple.getKeyNode(), fieldPath, "unknown field of " + schema.getName() + " (known: "
                        + String.join(", ", schema.getFields().stream().map(Schema.Field::name).toList()) + ")");
                continue;
            }
            if (!seen.add(key)) {
                fail(tuple.getKeyNode(), fieldPath, "is given twice");
                continue;
            }
            lines.put(fieldPath, line(tuple.getKeyNode()));
            Object value = convert(tuple.getValueNode(), field.schema(), fieldPath);
            // A value that failed to convert is null; a primitive field cannot hold it, and the record is invalid anyway.
            if (value != null || field.schema().isNullable()) {
                record.put(field.pos(), value);
            }
        }
        for (Schema.Field field : schema.getFields()) {
            if (seen.contains(field.name())) {
                continue;
            }
            if (field.hasDefaultValue()) {
                // The default object is shared by every reader of the schema; the record must own its copy.
                Object value = SpecificData.get().deepCopy(field.schema(), SpecificData.get().getDefaultValue(field));
                // A top-level default is not run through the generated class's conversions: epoch millis, not Instant.
                if (value instanceof Long millis && isTimestamp(field.schema())) {
                    value = Instant.ofEpochMilli(millis);
                }
                record.put(field.pos(), value);
            } else {
                fail(node, path.isEmpty() ? field.name() : path + "." + field.name(), "is required");
            }
        }
        return record;
    }

    private Object union(Node node, Schema schema, String path) {
        List<Schema> branches = schema.getTypes();
        boolean nullable = branches.stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
        if (isNull(node)) {
            return nullable ? null : fail(node, path, "must not be null");
        }
        List<Schema> values = branches.stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        if (values.size() == 1) {
            return convert(node, values.get(0), path);
        }
        // Several value branches: the first one that reads the node without problems wins.
        for (Schema branch : values) {
            AvroYaml probe = new AvroYaml();
            Object value = probe.convert(node, branch, path);
            if (probe.problems.isEmpty()) {
                lines.putAll(probe.lines);
                return value;
            }
        }
        return fail(node, path, "matches none of " + values.stream().map(Schema::getName).toList());
    }

    private Object enumSymbol(Node node, Schema schema, String path) {
        String text = scalar(node, path, "a symbol of " + schema.getName());
        if (text == null) {
            return null;
        }
        for (String symbol : schema.getEnumSymbols()) {
            if (symbol.equalsIgnoreCase(text.trim())) {
                return SpecificData.get().createEnum(symbol, schema);
            }
        }
        return fail(node, path, "\"" + text + "\" is not one of " + schema.getEnumSymbols());
    }

    private Object array(Node node, Schema schema, String path) {
        if (!(node instanceof SequenceNode sequence)) {
            return fail(node, path, "expected a list, got " + describe(node));
        }
        List<Object> out = new ArrayList<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            lines.put(itemPath, line(items.get(i)));
            out.add(convert(items.get(i), schema.getElementType(), itemPath));
        }
        return out;
    }

    private Object map(Node node, Schema schema, String path) {
        if (!(node instanceof MappingNode mapping)) {
            return fail(node, path, "expected a mapping, got " + describe(node));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                fail(tuple.getKeyNode(), path, "a map key must be a plain string");
                continue;
            }
            String entryPath = path + "." + key;
            lines.put(entryPath, line(tuple.getKeyNode()));
            out.put(key, convert(tuple.getValueNode(), schema.getValueType(), entryPath));
        }
        return out;
    }

    private Object string(Node node, String path) {
        return scalar(node, path, "a string");
    }

    private Object integer(Node node, String path, long min, long max, String what) {
        String text = scalar(node, path, "an integer");
        if (text == null) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            return fail(node, path, "expected an integer, got \"" + text + "\"");
        }
        if (value < min || value > max) {
            return fail(node, path, value + " is out of range for " + what + " (" + min + ".." + max + ")");
        }
        return max == Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }

    private Object timestamp(Node node, String path) {
        String text = scalar(node, path, "an ISO-8601 instant");
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text.trim()));
            } catch (NumberFormatException notMillis) {
                return fail(node, path, "expected an ISO-8601 instant such as 2026-11-24T10:00:00Z, got \"" + text + "\"");
            }
        }
    }

    private Object bool(Node node, String path) {
        String text = scalar(node, path, "true or false");
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> fail(node, path, "expected true or false, got \"" + text + "\"");
        };
    }

    private Object decimal(Node node, Schema schema, String path) {
        String text = scalar(node, path, "a number");
        if (text == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(text.trim());
            return schema.getType() == Schema.Type.FLOAT ? (Object) (float) d : (Object) d;
        } catch (NumberFormatException e) {
            return fail(node, path, "expected a number, got \"" + text + "\"");
        }
    }

    private Object bytes(Node node, String path) {
        String text = scalar(node, path, "base64 bytes");
        if (text == null) {
            return null;
        }
        try {
            return ByteBuffer.wrap(Base64.getDecoder().decode(text.trim()));
        } catch (IllegalArgumentException e) {
            return fail(node, path, "expected base64, " + e.getMessage());
        }
    }

    /** The text of a non-null scalar, or null after recording why the node is not one. */
    private String scalar(Node node, String path, String expected) {
        if (!(node instanceof ScalarNode s)) {
            fail(node, path, "expected " + expected + ", got " + describe(node));
            return null;
        }
        if (isNull(node)) {
            fail(node, path, "must not be null (expected " + expected + ")");
            return null;
        }
        return s.getValue();
    }

    private Object fail(Node node, String path, String reason) {
        problems.add(new YamlProblem(line(node), path, reason));
        return null;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static String describe(Node node) {
        return switch (node.getNodeId()) {
            case mapping -> "a mapping";
            case sequence -> "a list";
            case scalar -> isNull(node) ? "null" : "\"" + ((ScalarNode) node).getValue() + "\"";
            default -> "an alias";
        };
    }

    private static int line(Node node) {
        return YamlNodes.line(node);
    }

    private static boolean isTimestamp(Schema schema) {
        LogicalType type = schema.getLogicalType();
        return type instanceof LogicalTypes.TimestampMillis;
    }

    /**
     * The inverse: a record as a tree of maps, lists and scalars, ready for a YAML or JSON writer. With
     * {@code omitDefaults} a field whose value equals its schema default is left out (what an operator wrote by hand
     * looks the same after a round trip); without, every field is present (diffs and JSON lines).
     */
    public static Object toTree(Object datum, Schema schema, boolean omitDefaults) {
        if (datum == null) {
            return null;
        }
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) datum;
                Map<String, Object> out = new LinkedHashMap<>();
                for (Schema.Field field : schema.getFields()) {
                    Object value = toTree(record.get(field.pos()), field.schema(), omitDefaults);
                    if (omitDefaults && field.hasDefaultValue() && value != null
                            && value.equals(toTree(SpecificData.get().getDefaultValue(field), field.schema(), true))) {
                        continue;
                    }
                    if (omitDefaults && value == null && field.hasDefaultValue()
                            && SpecificData.get().getDefaultValue(field) == null) {
                        continue;
                    }
                    out.put(field.name(), value);
                }
                yield out;
            }
            case UNION -> toTree(datum, schema.getTypes().get(SpecificData.get().resolveUnion(schema, datum)), omitDefaults);
            case ENUM -> datum.toString();
            case ARRAY -> ((List<?>) datum).stream().map(v -> toTree(v, schema.getElementType(), omitDefaults)).toList();
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                ((Map<?, ?>) datum).forEach((k, v) -> out.put(k.toString(), toTree(v, schema.getValueType(), omitDefaults)));
                yield out;
            }
            case STRING -> datum.toString();
            case LONG -> datum instanceof Instant instant ? instant.toString()
                    : isTimestamp(schema) ? Instant.ofEpochMilli((Long) datum).toString() : datum;
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                yield Base64.getEncoder().encodeToString(bytes);
            }
            default -> datum;
        };
    }
}
