package io.mmsguard.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key a service accepts, in one place, with defaults and meanings: the file and the environment may set these
 * and nothing else ({@link Settings#load}), {@code --help} lists them, and a test holds docs/configuration.md equal
 * to them. A service builds its set once, in its configuration class:
 *
 * <pre>{@code
 * ConfigKeys.builder()
 *         .key("gateway.decision-timeout", "5s", "a session without a decision by then fails temporarily")
 *         .pattern("kafka.<property>", '.', "any Kafka client setting")
 *         .build();
 * }</pre>
 */
public final class ConfigKeys {
    private final List<ConfigKey> keys;
    private final Map<String, ConfigKey> byName;
    private final boolean partial;

    private ConfigKeys(List<ConfigKey> keys, boolean partial) {
        this.keys = List.copyOf(keys);
        Map<String, ConfigKey> names = new LinkedHashMap<>();
        Map<String, String> envNames = new HashMap<>();
        for (ConfigKey k : keys) {
            if (names.put(k.name(), k) != null) {
                throw new IllegalArgumentException("declared twice: " + k.name());
            }
            String other = k.isPattern() ? null : envNames.put(Settings.envName(k.name()), k.name());
            if (other != null) {
                throw new IllegalArgumentException(other + " and " + k.name() + " have the same variable "
                        + Settings.envName(k.name()));
            }
        }
        this.byName = Collections.unmodifiableMap(names);
        this.partial = partial;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every key and pattern, in declaration order. */
    public List<ConfigKey> all() {
        return keys;
    }

    /**
     * Whether keys and variables outside this set are left alone instead of refused: for a tool that reads only its
     * part (Kafka and registry settings) of a file written for a service.
     */
    public boolean partial() {
        return partial;
    }

    /** The same keys, reading only them from a file or environment that may hold others. */
    public ConfigKeys asPartial() {
        return new ConfigKeys(keys, true);
    }

    /** The declaration that accepts {@code key}: the fixed key, else the pattern with the longest prefix. */
    public Optional<ConfigKey> find(String key) {
        ConfigKey fixed = byName.get(key);
        if (fixed != null && !fixed.isPattern()) {
            return Optional.of(fixed);
        }
        return keys.stream().filter(ConfigKey::isPattern).filter(k -> k.matches(key))
                .max(Comparator.comparingInt(k -> k.prefix().length()));
    }

    /** The fixed keys with a default, and their defaults as a file would spell them. */
    public Map<String, String> defaults() {
        Map<String, String> out = new LinkedHashMap<>();
        keys.stream().filter(k -> !k.isPattern() && k.defaultValue() != null)
                .forEach(k -> out.put(k.name(), k.defaultValue()));
        return Collections.unmodifiableMap(out);
    }

    /** Collects the keys; the order is the one {@code --help} shows. */
    public static final class Builder {
        private final List<ConfigKey> keys = new ArrayList<>();

        private Builder() {
        }

        /** A fixed key; {@code defaultValue} null when it is required, optional or computed. */
        public Builder key(String name, String defaultValue, String meaning) {
            return add(ConfigKey.of(name, defaultValue, meaning));
        }

        /**
         * A map-like key such as {@code mm4.peer.<domain>}; in a variable's entry part, {@code _} stands for
         * {@code separator} ({@code MMSGUARD_MM4_PEER_MMS_EXAMPLE_ORG} sets {@code mm4.peer.mms.example.org}).
         */
        public Builder pattern(String name, char separator, String meaning) {
            if (!name.endsWith(">")) {
                throw new IllegalArgumentException("a pattern ends with .<placeholder>: " + name);
            }
            return add(new ConfigKey(name, null, meaning, separator));
        }

        /**
         * What every service needs to reach Kafka and the registry ({@link Settings#requireKafkaAndRegistry}), and
         * the Kafka client and serde properties it passes on, which Kafka and the serde check themselves.
         */
        public Builder kafkaAndRegistry() {
            return key("kafka.bootstrap.servers", null, "Kafka (required)")
                    .pattern("kafka.<property>", '.', "any Kafka client (and Kafka Streams) setting")
                    .key("serde.schema.registry.url", null, "the schema registry (required)")
                    .pattern("serde.<property>", '.', "any Avro serde setting");
        }

        /** Who may use the admin routes other than the probes and metrics ({@link AdminAuth}). */
        public Builder adminAccess() {
            return key(AdminAuth.MODE, "token", "token: the admin routes other than probes and /metrics need the"
                    + " bearer token; none: explicit opt-out")
                    .key(AdminAuth.TOKEN_FILE, null, "file holding the admin bearer token (a mounted Secret)")
                    .key(AdminAuth.TOKEN, null, "the admin bearer token; from the environment only");
        }

        /** How subscribers appear in the logs ({@link io.mmsguard.service.log.MsisdnLog}) and the logs' format. */
        public Builder logging() {
            return key(io.mmsguard.service.log.MsisdnLog.MODE, "hashed",
                    "plain or hashed: how senders and recipients are logged")
                    .key(io.mmsguard.service.log.MsisdnLog.KEY_FILE, null,
                            "file holding the HMAC key of hashed MSISDNs (a mounted Secret)")
                    .key(io.mmsguard.service.log.MsisdnLog.KEY, null,
                            "the HMAC key of hashed MSISDNs; from the environment only")
                    .key(io.mmsguard.service.log.LogFormat.KEY, "text",
                            "text or json: one line or one JSON object per log event");
        }

        public Builder add(ConfigKey key) {
            keys.add(key);
            return this;
        }

        public Builder addAll(List<ConfigKey> more) {
            keys.addAll(more);
            return this;
        }

        public ConfigKeys build() {
            return new ConfigKeys(keys, false);
        }
    }
}
