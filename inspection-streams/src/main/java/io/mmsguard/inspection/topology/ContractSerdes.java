package io.mmsguard.inspection.topology;

import java.util.HashMap;
import java.util.Map;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.internal.SenderStageOutcome;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.AvroSerdeConfig;
import io.mmsguard.schemas.serde.ConfluentAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of every topic the topology reads or writes, all sharing one registry client (one set of
 * caches), configured with Confluent's keys from the service configuration.
 */
public final class ContractSerdes {
    private final SchemaRegistryClient registry;
    private final Map<String, ?> configs;

    public ContractSerdes(SchemaRegistryClient registry, Map<String, ?> configs) {
        this.registry = registry;
        this.configs = Map.copyOf(configs);
    }

    public Serde<MmsEnvelope> envelope() {
        return value(MmsEnvelope.class);
    }

    public Serde<Decision> decision() {
        return value(Decision.class);
    }

    public Serde<MmsProfile> profile() {
        return value(MmsProfile.class);
    }

    public Serde<EndpointList> endpointList() {
        return value(EndpointList.class);
    }

    public Serde<ArchiveRecord> archive() {
        return value(ArchiveRecord.class);
    }

    public Serde<Alert> alert() {
        return value(Alert.class);
    }

    public Serde<InspectionLog> inspectionLog() {
        return value(InspectionLog.class);
    }

    /**
     * The serde of the internal stage-1 -> stage-2 record on the by-checksum repartition topic. Its subject belongs
     * to this application like the topic does, so it registers its schema itself even where the contracts'
     * {@code auto.register.schemas} is off (contracts are registered by deployment, internal records are not).
     */
    public Serde<SenderStageOutcome> senderStageOutcome() {
        Map<String, Object> internal = new HashMap<>(configs);
        internal.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        return ConfluentAvroSerde.forSpecific(SenderStageOutcome.class, registry, internal, false);
    }

    private <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        return ConfluentAvroSerde.forSpecific(type, registry, configs, false);
    }
}
