package io.mmsguard.deploy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.mmsguard.service.ConfigException;
import io.mmsguard.service.ConfigKeys;
import io.mmsguard.service.Settings;
import picocli.CommandLine.Option;

/**
 * Where the data commands find Kafka and the schema registry. Precedence: the option, then the
 * environment ({@code MMSGUARD_KAFKA_BOOTSTRAP_SERVERS}, {@code MMSGUARD_SERDE_SCHEMA_REGISTRY_URL}, any
 * {@code MMSGUARD_KAFKA_*}), then the {@code --config} file (the services' YAML), then the embedded mode's loopback
 * addresses, so that {@code mmsguard config get} works against {@code mmsguard up} without options.
 */
public final class ConnectionOptions {
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:19092";
    static final String DEFAULT_REGISTRY = "http://127.0.0.1:18081/apis/ccompat/v7";
    private static final String BOOTSTRAP_KEY = "kafka.bootstrap.servers";
    private static final String REGISTRY_KEY = "serde.schema.registry.url";
    /** Only Kafka and the registry are read from a service's file; its other keys are that service's business. */
    private static final ConfigKeys KEYS = ConfigKeys.builder()
            .pattern("kafka.<property>", '.', "Kafka client settings")
            .pattern("serde.<property>", '.', "Avro serde and registry client settings")
            .build().asPartial();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: " + DEFAULT_BOOTSTRAP + ", the embedded mode's;"
                    + " or kafka.bootstrap.servers from --config / MMSGUARD_KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Schema registry Confluent-compatible URL (default: " + DEFAULT_REGISTRY + ", the embedded"
                    + " mode's; or serde.schema.registry.url from --config / MMSGUARD_SERDE_SCHEMA_REGISTRY_URL).")
    String registryUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A service YAML file: kafka.* is passed to the Kafka clients (security settings, ...),"
                    + " serde.* to the Avro serde and registry client. MMSGUARD_* environment variables override it.")
    Path configFile;

    /** The settings resolved from the options and the process environment, and checked to be reachable (or exit 3). */
    public Connection connect() {
        Connection c = resolve(System.getenv());
        c.requireReachable();
        return c;
    }

    /** The settings resolved; {@code env} is the process environment (a parameter so that tests control it). */
    public Connection resolve(Map<String, String> env) {
        if (configFile != null && !Files.isReadable(configFile)) {
            throw new CliException(ExitCodes.USAGE, "--config " + configFile + ": no such readable file");
        }
        Settings settings;
        try {
            settings = Settings.load(Optional.ofNullable(configFile), env, KEYS);
        } catch (ConfigException e) {
            throw new CliException(ExitCodes.USAGE, "--config " + configFile + ": " + e.getMessage(), e);
        }
        Map<String, String> kafka = new TreeMap<>(settings.under("kafka."));
        kafka.put("bootstrap.servers", bootstrapServers != null ? bootstrapServers
                : settings.string(BOOTSTRAP_KEY, DEFAULT_BOOTSTRAP));
        Map<String, String> serde = new TreeMap<>(settings.under("serde."));
        serde.put("schema.registry.url", registryUrl != null ? registryUrl : settings.string(REGISTRY_KEY, DEFAULT_REGISTRY));
        return new Connection(kafka, serde);
    }
}
