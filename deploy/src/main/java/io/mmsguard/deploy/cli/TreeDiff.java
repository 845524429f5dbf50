package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The field-level differences between two record trees ({@link AvroYaml#toTree} with every field present): one
 * change per leaf that differs, lists compared position by position, a value only on one side shown against
 * {@code (none)}.
 */
final class TreeDiff {
    static final String NONE = "(none)";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One difference; {@code before} and {@code after} are rendered as JSON, or {@link #NONE}. */
    record Change(String path, String before, String after) {
        @Override
        public String toString() {
            return path + ": " + before + " -> " + after;
        }
    }

    private TreeDiff() {
    }

    static List<Change> diff(Object before, Object after) {
        List<Change> changes = new ArrayList<>();
        walk("", before, after, true, true, changes);
        return changes;
    }

    private static void walk(String path, Object before, Object after, boolean hasBefore, boolean hasAfter,
                             List<Change> out) {
        if (hasBefore && hasAfter && before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            Set<Object> keys = new LinkedHashSet<>(b.keySet());
            keys.addAll(a.keySet());
            for (Object key : keys) {
                walk(path.isEmpty() ? key.toString() : path + "." + key, b.get(key), a.get(key),
                        b.containsKey(key), a.containsKey(key), out);
            }
        } else if (hasBefore && hasAfter && before instanceof List<?> b && after instanceof List<?> a) {
            for (int i = 0; i < Math.max(b.size(), a.size()); i++) {
                walk(path + "[" + i + "]", i < b.size() ? b.get(i) : null, i < a.size() ? a.get(i) : null,
                        i < b.size(), i < a.size(), out);
            }
        } else if (hasBefore != hasAfter || !Objects.equals(before, after)) {
            out.add(new Change(path, hasBefore ? render(before) : NONE, hasAfter ? render(after) : NONE));
        }
    }

    static String render(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
