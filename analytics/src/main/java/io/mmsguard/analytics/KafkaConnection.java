package io.mmsguard.analytics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where the tables read from: the brokers and the registry's Confluent API.
 *
 * @param registryUrl        the Confluent-compatible API of the registry, e.g. Apicurio's {@code .../apis/ccompat/v7}
 * @param kafkaProperties    further Kafka client settings (e.g. {@code security.protocol}, {@code sasl.mechanism},
 *                           {@code sasl.jaas.config} of the read-only mmsguard-analyst principal), each an option
 *                           {@code 'properties.<key>'}
 * @param registryProperties further options of the avro-confluent format (e.g. {@code basic-auth.credentials-source},
 *                           {@code basic-auth.user-info}), each an option {@code 'value.avro-confluent.<key>'}
 */
public record KafkaConnection(String bootstrapServers, String registryUrl, Map<String, String> kafkaProperties,
                              Map<String, String> registryProperties) {
    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
        kafkaProperties = Collections.unmodifiableMap(new TreeMap<>(kafkaProperties));
        registryProperties = Collections.unmodifiableMap(new TreeMap<>(registryProperties));
    }

    public KafkaConnection(String bootstrapServers, String registryUrl) {
        this(bootstrapServers, registryUrl, Map.of(), Map.of());
    }
}
