package io.mmsguard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.WireFormat;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A contract's topic carries its name and serdes together, under its default or a configured name. */
@ExtendWith(SharedRegistry.class)
class ContractTopicsIntegrationTest {
    private static Map<String, Object> serde;

    @BeforeAll
    static void registry(ApicurioRegistry registry) {
        serde = Map.of("schema.registry.url", registry.url());
    }

    @Test
    void aConfiguredNameKeepsTheContractsSerdesAndNamesTheSubject() {
        Topic<String, MmsProfile> profiles = ContractTopics.create(serde).topic(Contracts.PROFILES, "site-b.profiles");
        MmsProfile profile = SampleContracts.strictProfile();

        byte[] key = profiles.keySerde().serializer().serialize(profiles.name(), "strict");
        byte[] value = profiles.valueSerde().serializer().serialize(profiles.name(), profile);

        assertThat(profiles.name()).isEqualTo("site-b.profiles");
        assertThat(profiles.keySerde().deserializer().deserialize(profiles.name(), key)).isEqualTo("strict");
        // A fresh binding (empty caches) reads it back through the registry.
        Topic<String, MmsProfile> reader = ContractTopics.create(serde).topic(Contracts.PROFILES, "site-b.profiles");
        assertThat(reader.valueSerde().deserializer().deserialize(reader.name(), value)).isEqualTo(profile);
        assertThat(SchemaRegistryClient.create(serde).subjects()).contains("site-b.profiles-value");
    }

    @Test
    void prepareRegistersTheSchemaAsTheFirstWriteWouldAndTheFirstRecordCarriesItsId() {
        ContractTopics contracts = ContractTopics.create(serde);
        contracts.prepare(Contracts.PROFILES, "warm.profiles");

        SchemaRegistryClient registry = SchemaRegistryClient.create(serde);
        assertThat(registry.subjects()).contains("warm.profiles-value");
        Topic<String, MmsProfile> profiles = contracts.topic(Contracts.PROFILES, "warm.profiles");
        byte[] value = profiles.valueSerde().serializer().serialize(profiles.name(), SampleContracts.strictProfile());
        assertThat(WireFormat.schemaId(profiles.name(), value)).isEqualTo(registry.latest("warm.profiles-value").id());
    }

    @Test
    void prepareWithoutAutoRegistrationFailsForASchemaTheRegistryDoesNotHave() {
        Map<String, Object> noRegistration = new HashMap<>(serde);
        noRegistration.put("auto.register.schemas", false);

        assertThatThrownBy(() -> ContractTopics.create(noRegistration).prepare(Contracts.ALERTS, "never-written.alerts"))
                .isInstanceOf(SerializationException.class).hasMessageContaining("never-written.alerts-value");
    }

    @Test
    void withoutANameTheTopicIsTheContractsDefault() {
        assertThat(ContractTopics.create(serde).topic(Contracts.ALERTS).name())
                .isEqualTo(Contracts.ALERTS.defaultTopic());
    }

    @Test
    void namedKeepsTheSameSerdeInstances() {
        Topic<String, MmsProfile> profiles = ContractTopics.create(serde).topic(Contracts.PROFILES);
        Topic<String, MmsProfile> renamed = profiles.named("other");

        assertThat(renamed.name()).isEqualTo("other");
        assertThat(renamed.keySerde()).isSameAs(profiles.keySerde());
        assertThat(renamed.valueSerde()).isSameAs(profiles.valueSerde());
        assertThat(profiles.named(profiles.name())).isSameAs(profiles);
        assertThatThrownBy(() -> profiles.named(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contractAndInternalRecordsAreNotInterchangeable() {
        ContractTopics contracts = ContractTopics.create(serde);
        assertThatThrownBy(() -> contracts.topic(Contracts.SENDER_STAGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a contract topic");
        assertThatThrownBy(() -> contracts.internalValueSerde(Contracts.PROFILES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("internal topic");
    }
}
