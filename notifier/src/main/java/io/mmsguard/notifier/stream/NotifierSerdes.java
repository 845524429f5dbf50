package io.mmsguard.notifier.stream;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.ConfluentAvroSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/** The serdes of the notifier's topics: the two contracts it reads (one registry client) and its own notices. */
public final class NotifierSerdes {
    private final SchemaRegistryClient registry;
    private final Map<String, ?> configs;

    public NotifierSerdes(SchemaRegistryClient registry, Map<String, ?> configs) {
        this.registry = registry;
        this.configs = Map.copyOf(configs);
    }

    public Serde<Alert> alert() {
        return ConfluentAvroSerde.forSpecific(Alert.class, registry, configs, false);
    }

    public Serde<MmsProfile> profile() {
        return ConfluentAvroSerde.forSpecific(MmsProfile.class, registry, configs, false);
    }

    public Serde<NoticeMessage> notice() {
        return new NoticeMessageSerde();
    }
}
