package io.mmsguard.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A service's configuration: one YAML file flattened to dotted keys ({@code kafka: {bootstrap.servers: x}} becomes
 * {@code kafka.bootstrap.servers}), then environment overrides, both checked against the keys the service declares
 * ({@link ConfigKeys}). A key the service does not declare (a typo, a key of another listener kind) fails the load
 * with its file and line, and every such problem is reported at once.
 *
 * <p>The variable for a key is {@code MMSGUARD_} plus the key in upper case with every character other than a letter
 * or digit replaced by {@code _} ({@code inspection.commit-interval} -> {@code MMSGUARD_INSPECTION_COMMIT_INTERVAL}).
 * An entry of a map-like key ({@code kafka.<property>}, {@code mm7.vasp.<vasp-id>}) is named the same way; the entry
 * part of the variable is read in lower case with {@code _} as the pattern's separator
 * ({@code MMSGUARD_KAFKA_MAX_POLL_RECORDS} -> {@code kafka.max.poll.records}), unless the file names the entry, whose
 * spelling then wins. A variable {@code MMSGUARD_*} that names no key is refused, except the few that mmsguard reads
 * for other purposes ({@link #OTHER_VARIABLES}).
 *
 * <p>Every value remembers where it was set, so that a bad value is reported at its line or variable.
 */
public final class Settings {
    public static final String ENV_PREFIX = "MMSGUARD_";
    /**
     * Variables that are not configuration keys: the launcher's JVM options, the image and its user, the embedded
     * mode's Apicurio archive and cache, the test settings, the password of {@code mmsguard send mm7}; plus every {@code MMSGUARD_SECRET_<NAME>} (the notifier's
     * credentials).
     */
    public static final Set<String> OTHER_VARIABLES = Set.of("MMSGUARD_JAVA_OPTS", "MMSGUARD_IMAGE", "MMSGUARD_UID",
            "MMSGUARD_APICURIO_DIST", "MMSGUARD_CACHE_DIR", "MMSGUARD_REQUIRE_ORACLES", "MMSGUARD_ORACLE_PYTHON",
            "MMSGUARD_VECTORS", "MMSGUARD_TSHARK", "MMSGUARD_KUBECTL", "MMSGUARD_MM7_PASSWORD");
    public static final String SECRET_PREFIX = "MMSGUARD_SECRET_";
    private static final int MAX_FILE_BYTES = 1 << 20;
    private static final int MAX_SECRET_BYTES = 4096;

    private final Map<String, String> values;
    /** Where each value was set: {@code FILE:LINE} or the variable. */
    private final Map<String, String> origins;
    /** Null for {@link #of}: nothing is checked. */
    private final ConfigKeys keys;

    private Settings(Map<String, String> values, Map<String, String> origins, ConfigKeys keys) {
        this.values = Map.copyOf(values);
        this.origins = Map.copyOf(origins);
        this.keys = keys;
    }

    /** Settings as given, unchecked (tests, and services built in-process with keys written in code). */
    public static Settings of(Map<String, String> values) {
        return new Settings(values, Map.of(), null);
    }

    /**
     * Settings written in code (the embedded mode), checked like a file: a key the service does not declare is
     * refused, so that the code cannot drift from the declarations.
     */
    public static Settings of(Map<String, String> values, ConfigKeys keys) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(values.keySet())) {
            if (keys.find(key).isEmpty()) {
                problems.add(UnknownKeys.key(key, keys));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Settings(values, Map.of(), keys);
    }

    /**
     * @param file the YAML file, or empty for defaults and environment only
     * @param env  the environment (System.getenv() in production)
     * @param keys every key the service accepts
     * @throws ConfigException naming every unknown key with its line and every unknown variable, or the file's
     *                         syntax error
     */
    public static Settings load(Optional<Path> file, Map<String, String> env, ConfigKeys keys) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new HashMap<>();
        List<String> problems = new ArrayList<>();
        file.ifPresent(f -> readFile(f, keys, values, origins, problems));
        applyEnvironment(env, keys, values, origins, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Settings(values, origins, keys);
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static void readFile(Path file, ConfigKeys keys, Map<String, String> values, Map<String, String> origins,
                                 List<String> problems) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<YamlProblem> found = new ArrayList<>();
        Node root = YamlNodes.compose(text, MAX_FILE_BYTES, found);
        Map<String, Integer> lines = new LinkedHashMap<>();
        if (root instanceof MappingNode mapping) {
            flatten("", mapping, keys, values, lines, found);
        } else if (root != null) {
            found.add(new YamlProblem(YamlNodes.line(root), "", "the top level must be a mapping of keys"));
        }
        lines.forEach((key, line) -> {
            if (keys.find(key).isEmpty()) {
                if (keys.partial()) {
                    values.remove(key);
                } else {
                    found.add(new YamlProblem(line, "", UnknownKeys.key(key, keys)));
                }
            } else {
                origins.put(key, file + ":" + line);
            }
        });
        found.sort(Comparator.comparingInt(YamlProblem::line));
        found.forEach(p -> problems.add(p.report(file)));
    }

    private static void flatten(String prefix, MappingNode mapping, ConfigKeys keys, Map<String, String> values,
                                Map<String, Integer> lines, List<YamlProblem> problems) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode name) || isNull(name)) {
                problems.add(new YamlProblem(YamlNodes.line(tuple.getKeyNode()), prefix,
                        "a key must be a plain string"));
                continue;
            }
            String key = prefix.isEmpty() ? name.getValue() : prefix + "." + name.getValue();
            int line = YamlNodes.line(name);
            Node value = tuple.getValueNode();
            if (value instanceof MappingNode nested) {
                flatten(key, nested, keys, values, lines, problems);
                continue;
            }
            // A section left empty ("mm7:" with every key commented out) is no key of its own.
            if (isNull(value) && keys.all().stream().anyMatch(k -> k.name().startsWith(key + "."))) {
                continue;
            }
            Integer first = lines.get(key);
            if (first != null) {
                problems.add(new YamlProblem(line, key, "is given twice (first on line " + first + ")"));
                continue;
            }
            String text = scalarText(value);
            if (text == null) {
                problems.add(new YamlProblem(YamlNodes.line(value), key, "expected a value or a list of values"));
                continue;
            }
            lines.put(key, line);
            values.put(key, text);
        }
    }

    /** A scalar's text ("" for null), a list of scalars joined with commas, else null. */
    private static String scalarText(Node node) {
        if (node instanceof ScalarNode scalar) {
            return isNull(scalar) ? "" : scalar.getValue();
        }
        if (node instanceof SequenceNode list) {
            List<String> items = new ArrayList<>();
            for (Node item : list.getValue()) {
                if (!(item instanceof ScalarNode s)) {
                    return null;
                }
                items.add(s.getValue());
            }
            return String.join(",", items);
        }
        return null;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static void applyEnvironment(Map<String, String> env, ConfigKeys keys, Map<String, String> values,
                                         Map<String, String> origins, List<String> problems) {
        Map<String, String> byVariable = new HashMap<>();
        keys.all().stream().filter(k -> !k.isPattern()).forEach(k -> byVariable.put(envName(k.name()), k.name()));
        // A map entry the file spells out keeps its spelling (case, dashes) when a variable overrides it.
        values.keySet().forEach(k -> byVariable.put(envName(k), k));
        List<ConfigKey> patterns = keys.all().stream().filter(ConfigKey::isPattern)
                .sorted(Comparator.comparingInt((ConfigKey k) -> k.prefix().length()).reversed()).toList();
        for (String variable : new TreeSet<>(env.keySet())) {
            if (!variable.startsWith(ENV_PREFIX) || OTHER_VARIABLES.contains(variable)
                    || variable.startsWith(SECRET_PREFIX)) {
                continue;
            }
            String key = byVariable.get(variable);
            if (key == null) {
                key = patternKey(variable, patterns);
            }
            if (key != null) {
                values.put(key, env.get(variable));
                origins.put(key, variable);
            } else if (!keys.partial()) {
                problems.add(UnknownKeys.variable(variable, byVariable.keySet()));
            }
        }
    }

    private static String patternKey(String variable, List<ConfigKey> patterns) {
        for (ConfigKey pattern : patterns) {
            String envPrefix = envName(pattern.prefix());
            if (variable.startsWith(envPrefix) && variable.length() > envPrefix.length()) {
                return pattern.prefix() + variable.substring(envPrefix.length()).toLowerCase(Locale.ROOT)
                        .replace('_', pattern.separator());
            }
        }
        return null;
    }

    /**
     * A problem with the value of {@code key}, reported where it was set: {@code FILE:LINE: key: reason}, or
     * {@code MMSGUARD_KEY: key: reason} for a variable.
     */
    public ConfigException invalid(String key, String reason) {
        String origin = origins.get(key);
        return new ConfigException((origin == null ? "" : origin + ": ") + key + ": " + reason);
    }

    private ConfigException invalid(String key, String reason, Throwable cause) {
        ConfigException e = invalid(key, reason);
        e.initCause(cause);
        return e;
    }

    /** Reading a key that is not declared is a bug of the service: nobody could set it. */
    private void requireDeclared(String key) {
        if (keys != null && keys.find(key).isEmpty()) {
            throw new IllegalStateException(key + " is read but not declared in the service's ConfigKeys");
        }
    }

    public Optional<String> find(String key) {
        requireDeclared(key);
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    /**
     * A secret: the content of the file named by {@code fileKey} (a mounted Secret; surrounding whitespace dropped),
     * else the value of {@code valueKey}, which only the environment may set: a secret written into the
     * configuration file would travel with it (ConfigMaps, repositories).
     */
    public Optional<String> secret(String fileKey, String valueKey) {
        Optional<String> file = find(fileKey);
        Optional<String> value = find(valueKey);
        if (file.isPresent() && value.isPresent()) {
            throw invalid(valueKey, "set either " + fileKey + " or " + envName(valueKey) + ", not both");
        }
        String origin = origins.get(valueKey);
        if (value.isPresent() && origin != null && !origin.startsWith(ENV_PREFIX)) {
            throw invalid(valueKey, "is a secret: set " + envName(valueKey) + " or " + fileKey
                    + ", not the configuration file");
        }
        if (file.isEmpty()) {
            return value.map(String::strip);
        }
        Path path = Path.of(file.get());
        try {
            if (Files.size(path) > MAX_SECRET_BYTES) {
                throw invalid(fileKey, path + " is larger than " + MAX_SECRET_BYTES + " bytes");
            }
            String text = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw invalid(fileKey, path + " is empty");
            }
            return Optional.of(text);
        } catch (IOException e) {
            throw invalid(fileKey, "cannot read " + path + ": " + e, e);
        }
    }

    public String string(String key) {
        return find(key).orElseThrow(() -> new ConfigException(key + " is required (or " + envName(key) + ")"));
    }

    /**
     * A secret such as a password: the value of {@code key} (in the file or its variable), else the content of the
     * file named by {@code key + "-file"} (a mounted secret; trailing line breaks removed). Setting both is refused,
     * so an operator who moved a password into a file cannot leave a stale copy in the configuration.
     */
    public Optional<char[]> secret(String key) {
        Optional<String> inline = find(key);
        Optional<String> file = find(key + "-file");
        if (inline.isPresent() && file.isPresent()) {
            throw invalid(key + "-file", "set either " + key + " or " + key + "-file, not both");
        }
        if (file.isEmpty()) {
            return inline.map(String::toCharArray);
        }
        try {
            String text = Files.readString(Path.of(file.get().trim()), StandardCharsets.UTF_8);
            int end = text.length();
            while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                end--;
            }
            return Optional.of(text.substring(0, end).toCharArray());
        } catch (IOException | RuntimeException e) {
            throw invalid(key + "-file", "cannot read " + file.get() + ": " + e.getMessage(), e);
        }
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
            default -> throw invalid(key, "\"" + v + "\" is not a boolean");
        }).orElse(fallback);
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30S}). */
    public Duration duration(String key, Duration fallback) {
        return find(key).map(v -> parseDuration(key, v.trim())).orElse(fallback);
    }

    /** Every key under {@code prefix} with the prefix removed, e.g. the Kafka client settings under {@code kafka.}. */
    public Map<String, String> under(String prefix) {
        if (keys != null && keys.all().stream().noneMatch(k -> k.name().startsWith(prefix))) {
            throw new IllegalStateException(prefix + "* is read but not declared in the service's ConfigKeys");
        }
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

    private Duration parseDuration(String key, String v) {
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
                default -> throw invalid(key, "\"" + v + "\" needs a unit: ms, s, m, h or d");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(key, "\"" + v + "\" is not a duration", e);
        }
    }

    private interface Parser<T> {
        T parse(String v);
    }

    private <T> T parse(String key, String v, Parser<T> parser) {
        try {
            return parser.parse(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "\"" + v + "\" is not a number", e);
        }
    }
}
