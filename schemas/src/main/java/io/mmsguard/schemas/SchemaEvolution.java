package io.mmsguard.schemas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Decides whether a schema may follow another. The rule is BACKWARD_TRANSITIVE: mms.archive keeps records for
 * years and analysts read all of them with the newest schema, so every version must read every earlier one.
 *
 * <p>On top of Avro's reader/writer check, a removed enum symbol counts as incompatible even when the enum has a
 * default: Avro would read the old symbol as the default, which silently turns archived verdicts and reasons into
 * UNKNOWN.
 */
public final class SchemaEvolution {

    private SchemaEvolution() {
    }

    /** Why a reader using {@code newer} cannot read data written with {@code older}; empty when it can. */
    public static List<String> backwardProblems(Schema newer, Schema older) {
        List<String> problems = new ArrayList<>();
        SchemaCompatibility.SchemaPairCompatibility pair =
                SchemaCompatibility.checkReaderWriterCompatibility(newer, older);
        for (Incompatibility i : pair.getResult().getIncompatibilities()) {
            problems.add(i.getType() + " at " + describeLocation(newer, i.getLocation()) + ": " + i.getMessage());
        }
        problems.addAll(removedEnumSymbols(newer, older));
        return problems;
    }

    /**
     * BACKWARD_TRANSITIVE over a history, oldest first: every version against every earlier one. Versions are named
     * v1..vN by position, as in the history directories.
     */
    public static List<String> transitiveProblems(List<Schema> versions) {
        List<String> problems = new ArrayList<>();
        for (int newer = 1; newer < versions.size(); newer++) {
            for (int older = 0; older < newer; older++) {
                for (String p : backwardProblems(versions.get(newer), versions.get(older))) {
                    problems.add("v" + (newer + 1) + " cannot read v" + (older + 1) + ": " + p);
                }
            }
        }
        return problems;
    }

    /** What stops {@code candidate} from becoming version N+1 of {@code history} (oldest first). */
    public static List<String> problemsAppending(List<Schema> history, Schema candidate) {
        List<String> problems = new ArrayList<>();
        for (int older = 0; older < history.size(); older++) {
            for (String p : backwardProblems(candidate, history.get(older))) {
                problems.add("v" + (history.size() + 1) + " cannot read v" + (older + 1) + ": " + p);
            }
        }
        return problems;
    }

    /**
     * Rules that keep the next change possible: a doc on every record, enum and field; a default symbol on every
     * enum (an older reader maps newer symbols to it); optional values as {@code ["null", T]} with default null.
     */
    public static List<String> ruleProblems(Schema schema) {
        List<String> problems = new ArrayList<>();
        for (Schema named : namedTypes(schema).values()) {
            String name = named.getFullName();
            if (isBlank(named.getDoc())) {
                problems.add(name + ": no doc");
            }
            if (named.getType() == Schema.Type.ENUM && named.getEnumDefault() == null) {
                problems.add(name + ": enum without a default symbol");
            }
            if (named.getType() != Schema.Type.RECORD) {
                continue;
            }
            for (Schema.Field field : named.getFields()) {
                String where = name + "." + field.name();
                if (isBlank(field.doc())) {
                    problems.add(where + ": no doc");
                }
                if (field.schema().getType() == Schema.Type.UNION) {
                    if (!isNullable(field.schema())) {
                        problems.add(where + ": a union must be [\"null\", T]");
                    } else if (!field.hasDefaultValue() || field.defaultVal() != JsonProperties.NULL_VALUE) {
                        problems.add(where + ": a nullable field needs default null");
                    }
                }
                problems.addAll(nestedUnionProblems(where, field.schema()));
            }
        }
        return problems;
    }

    private static List<String> nestedUnionProblems(String where, Schema schema) {
        Schema inner = switch (schema.getType()) {
            case ARRAY -> schema.getElementType();
            case MAP -> schema.getValueType();
            default -> null;
        };
        if (inner == null) {
            return List.of();
        }
        if (inner.getType() == Schema.Type.UNION && !isNullable(inner)) {
            return List.of(where + ": a union must be [\"null\", T]");
        }
        return nestedUnionProblems(where, inner);
    }

    private static boolean isNullable(Schema union) {
        List<Schema> types = union.getTypes();
        return types.size() == 2 && types.get(0).getType() == Schema.Type.NULL;
    }

    private static List<String> removedEnumSymbols(Schema newer, Schema older) {
        Map<String, Schema> newerEnums = new HashMap<>();
        for (Schema named : namedTypes(newer).values()) {
            if (named.getType() == Schema.Type.ENUM) {
                newerEnums.put(named.getFullName(), named);
                for (String alias : named.getAliases()) {
                    newerEnums.put(alias, named);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (Schema old : namedTypes(older).values()) {
            Schema now = old.getType() == Schema.Type.ENUM ? newerEnums.get(old.getFullName()) : null;
            if (now == null) {
                continue; // a renamed or dropped enum shows up as an Avro incompatibility of the field using it
            }
            Set<String> removed = new LinkedHashSet<>(old.getEnumSymbols());
            removed.removeAll(now.getEnumSymbols());
            if (!removed.isEmpty()) {
                problems.add("ENUM_SYMBOL_REMOVED at " + old.getFullName() + ": symbols " + removed
                        + " are gone; data written with them would read as " + now.getEnumDefault());
            }
        }
        return problems;
    }

    /** Every named type reachable from {@code schema}, by full name, in first-use order. */
    static Map<String, Schema> namedTypes(Schema schema) {
        Map<String, Schema> out = new LinkedHashMap<>();
        collect(schema, out);
        return out;
    }

    private static void collect(Schema schema, Map<String, Schema> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (out.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(f -> collect(f.schema(), out));
                }
            }
            case ENUM, FIXED -> out.putIfAbsent(schema.getFullName(), schema);
            case ARRAY -> collect(schema.getElementType(), out);
            case MAP -> collect(schema.getValueType(), out);
            case UNION -> schema.getTypes().forEach(t -> collect(t, out));
            default -> {
            }
        }
    }

    /**
     * Turns Avro's location (a JSON pointer into the reader schema, e.g. {@code /fields/14/type}) into field names,
     * e.g. {@code MmsEnvelope.originalSize}, keeping the pointer for exactness.
     */
    static String describeLocation(Schema reader, String location) {
        String[] tokens = location.split("/");
        StringBuilder path = new StringBuilder(reader.getName());
        Schema current = reader;
        try {
            for (int i = 1; i < tokens.length; i++) {
                String token = tokens[i];
                switch (token) {
                    case "fields" -> {
                        Schema.Field field = current.getFields().get(Integer.parseInt(tokens[++i]));
                        path.append('.').append(field.name());
                        current = field.schema();
                    }
                    case "type" -> {
                    }
                    case "items" -> {
                        current = current.getElementType();
                        path.append("[]");
                    }
                    case "values" -> {
                        current = current.getValueType();
                        path.append("{}");
                    }
                    case "symbols", "name", "size" -> {
                        return path + " (" + location + ")";
                    }
                    default -> current = current.getTypes().get(Integer.parseInt(token)); // a union branch
                }
            }
        } catch (RuntimeException unexpectedShape) {
            return location; // the pointer alone is still exact
        }
        return path + " (" + location + ")";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
