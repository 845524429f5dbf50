package io.mmsguard.schemas;

import java.util.Objects;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name with the serdes of its keys and values, so that whoever reads or writes the topic gets all three
 * from one place and cannot pair the name with another topic's serde. The contract topics are declared once in
 * {@link Contracts} and bound to a registry by {@link ContractTopics}; {@link #named} keeps the serdes when
 * configuration renames a topic.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a topic name must not be blank");
        }
    }

    /** The same topic under the name configuration gives it: same key and value serdes. */
    public Topic<K, V> named(String configuredName) {
        return configuredName.equals(name) ? this : new Topic<>(configuredName, keySerde, valueSerde);
    }

    @Override
    public String toString() {
        return name;
    }
}
