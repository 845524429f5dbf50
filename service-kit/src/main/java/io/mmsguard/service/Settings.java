package io.mmsguard.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A service's configuration: one YAML file flattened to dotted keys ({@code kafka: {bootstrap.servers: x}} becomes
 * {@code kafka.bootstrap.servers}), then environment overrides. The variable for a key is {@code MMSGUARD_} plus the
 * key in upper case with every character other than a letter or digit replaced by {@code _}
 * ({@code inspection.commit-interval} -> {@code MMSGUARD_INSPECTION_COMMIT_INTERVAL}). A variable that names no
 * known key is applied only under the pass-through prefixes ({@code MMSGUARD_KAFKA_MAX_POLL_RECORDS} ->
 * {@code kafka.max.poll.records}), where dots are the only separators Kafka uses.
 */
public final class Settings {
    public static final String ENV_PREFIX = "MMSGUARD_";
    private static final int MAX_FILE_BYTES = 1 << 20;
    private static final int MAX_DEPTH = 16;

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /**
     * @param file          the YAML file, or empty for defaults and environment only
     * @param env           the environment (System.getenv() in production)
     * @param knownKeys     every key the service reads, so that an override can be matched to its dotted name
     * @param passThrough   prefixes whose unknown variables still apply, e.g. {@code kafka.}
     */
    public static Settings load(Optional<Path> file, Map<String, String> env, List<String> knownKeys,
                                List<String> passThrough) {
        Map<String, String> flat = new LinkedHashMap<>();
        if (file.isPresent()) {
            flat.putAll(readYaml(file.get()));
        }
        Map<String, String> byEnvName = new TreeMap<>();
        for (String key : knownKeys) {
            byEnvName.put(envName(key), key);
        }
        for (String key : flat.keySet()) {
            byEnvName.put(envName(key), key);
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = byEnvName.get(e.getKey());
            if (key == null) {
                key = passThroughKey(e.getKey(), passThrough);
            }
            if (key != null) {
                flat.put(key, e.getValue());
            }
        }
        return new Settings(flat);
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static String passThroughKey(String variable, List<String> prefixes) {
        for (String prefix : prefixes) {
            String envPrefix = envName(prefix);
            if (variable.startsWith(envPrefix) && variable.length() > envPrefix.length()) {
                return prefix + variable.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            }
        }
        return null;
    }

    private static Map<String, String> readYaml(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            Object tree;
            try (InputStream in = Files.newInputStream(file)) {
                tree = new ObjectMapper(new YAMLFactory()).readValue(in, Object.class);
            }
            Map<String, String> flat = new LinkedHashMap<>();
            if (tree != null) {
                if (!(tree instanceof Map<?, ?>)) {
                    throw new ConfigException(file + ": the top level must be a mapping");
                }
                flatten("", tree, flat, 0);
            }
            return flat;
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void flatten(String prefix, Object node, Map<String, String> out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ConfigException(prefix + ": nested deeper than " + MAX_DEPTH);
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
                flatten(key, e.getValue(), out, depth + 1);
            }
        } else if (node instanceof List<?> list) {
            out.put(prefix, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
        } else {
            out.put(prefix, node == null ? "" : String.valueOf(node));
        }
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public String string(String key) {
        return find(key).orElseThrow(() -> new ConfigException(key + " is required (or " + envName(key) + ")"));
    }

    public String string(String key, String fallback) {
        return find(key).orElse(fallback);
    }

    public int integer(String key, int fallback) {
        return find(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
    }

    public long longValue(String key, long fallback) {
        return find(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return find(key).map(v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key + ": \"" + v + "\" is not a boolean");
        }).orElse(fallback);
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30S}). */
    public Duration duration(String key, Duration fallback) {
        return find(key).map(v -> parseDuration(key, v.trim())).orElse(fallback);
    }

    /** Every key under {@code prefix} with the prefix removed, e.g. the Kafka client settings under {@code kafka.}. */
    public Map<String, String> under(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /**
     * Fails unless the Kafka client settings ({@code kafka.*} without the prefix) name bootstrap.servers and the
     * serde settings ({@code serde.*}) name schema.registry.url: what every service needs to reach Kafka and the
     * registry.
     */
    public static void requireKafkaAndRegistry(Map<String, ?> kafka, Map<String, ?> serde) {
        if (!kafka.containsKey("bootstrap.servers")) {
            throw new ConfigException("kafka.bootstrap.servers is required");
        }
        if (!serde.containsKey("schema.registry.url")) {
            throw new ConfigException("serde.schema.registry.url is required");
        }
    }

    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    private static Duration parseDuration(String key, String v) {
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v);
            }
            int split = 0;
            while (split < v.length() && Character.isDigit(v.charAt(split))) {
                split++;
            }
            long n = Long.parseLong(v.substring(0, split));
            return switch (v.substring(split).trim()) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new ConfigException(key + ": \"" + v + "\" needs a unit: ms, s, m, h or d");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ConfigException(key + ": \"" + v + "\" is not a duration", e);
        }
    }

    private interface Parser<T> {
        T parse(String v);
    }

    private static <T> T parse(String key, String v, Parser<T> parser) {
        try {
            return parser.parse(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": \"" + v + "\" is not a number", e);
        }
    }
}
