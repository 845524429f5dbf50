package io.mmsguard.analytics;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where the tables read from: the brokers, the registry's Confluent API, and any further Kafka client settings
 * (e.g. {@code security.protocol}, {@code sasl.mechanism}), which become {@code 'properties.<key>'} options.
 *
 * @param registryUrl the Confluent-compatible API of the registry, e.g. Apicurio's {@code .../apis/ccompat/v7}
 */
public record KafkaSource(String bootstrapServers, String registryUrl, Map<String, String> kafkaProperties) {
    public KafkaSource {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
        kafkaProperties = Map.copyOf(new TreeMap<>(kafkaProperties));
    }

    public KafkaSource(String bootstrapServers, String registryUrl) {
        this(bootstrapServers, registryUrl, Map.of());
    }
}
