package io.mmsguard.schemas;

import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.types.Password;

/**
 * Typed reads from a Kafka-style config map, where a value may arrive as a String, a Number, a Boolean or a
 * Kafka {@link Password}. Every failure names the key.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** The trimmed text of the value, or null when absent or blank. */
    public static String string(Map<String, ?> configs, String key) {
        Object v = configs.get(key);
        if (v == null) {
            return null;
        }
        String s = (v instanceof Password p ? p.value() : String.valueOf(v)).trim();
        return s.isEmpty() ? null : s;
    }

    public static boolean bool(Map<String, ?> configs, String key, boolean dflt) {
        Object v = configs.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        String s = string(configs, key);
        if (s == null) {
            return dflt;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + s + "'");
        };
    }

    public static long longValue(Map<String, ?> configs, String key, long dflt) {
        String s = string(configs, key);
        if (s == null) {
            return dflt;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + s + "'", e);
        }
    }

    public static int positiveInt(Map<String, ?> configs, String key, int dflt) {
        long v = longValue(configs, key, dflt);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be a positive integer, got " + v);
        }
        return (int) v;
    }
}
