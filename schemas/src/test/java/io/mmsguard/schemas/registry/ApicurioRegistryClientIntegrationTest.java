package io.mmsguard.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmsguard.schemas.TestSchemas;
import io.mmsguard.schemas.registry.SchemaRegistryClient.Compatibility;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry client against a real Apicurio Registry serving Confluent's API. */
@ExtendWith(SharedRegistry.class)
class ApicurioRegistryClientIntegrationTest {
    private static String url;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void connect(ApicurioRegistry registry) {
        url = registry.url();
        client = new SchemaRegistryClient(RegistryClientConfig.of(url));
    }

    @Test
    void registersLooksUpAndFetchesVersionsOfASubject() {
        String subject = "lifecycle-value";
        Schema v1 = TestSchemas.probeV1("Lifecycle");
        Schema v2 = TestSchemas.probeV2("Lifecycle");

        int id1 = client.register(subject, v1);
        assertThat(new SchemaRegistryClient(RegistryClientConfig.of(registryUrl())).register(subject, v1))
                .as("the same schema registered again by a fresh client gets the same id").isEqualTo(id1);
        RegisteredSchema found = client.lookup(subject, v1);
        assertThat(found.id()).isEqualTo(id1);
        assertThat(found.version()).isEqualTo(1);
        assertThat(client.getById(id1)).isEqualTo(v1);

        int id2 = client.register(subject, v2);
        assertThat(id2).isNotEqualTo(id1);
        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.version(subject, 1).schema()).isEqualTo(v1);
        RegisteredSchema latest = new SchemaRegistryClient(RegistryClientConfig.of(registryUrl())).latest(subject);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(id2);
        assertThat(latest.schema()).isEqualTo(v2);
        assertThat(client.subjects()).contains(subject);
    }

    @Test
    void theRegistryRejectsAnIncompatibleChangeUnderBackwardCompatibility() {
        String subject = "evolution-value";
        client.setSubjectCompatibility(subject, Compatibility.BACKWARD);
        client.register(subject, TestSchemas.probeV1("Evolution"));

        assertThat(client.isCompatible(subject, TestSchemas.probeV2("Evolution"))).isTrue();
        assertThat(client.isCompatible(subject, TestSchemas.probeIncompatible("Evolution"))).isFalse();
        assertThatThrownBy(() -> client.register(subject, TestSchemas.probeIncompatible("Evolution")))
                .isInstanceOf(SchemaRegistryException.IncompatibleSchema.class);
        assertThat(client.versions(subject)).containsExactly(1);
    }

    @Test
    void compatibilityLevelsCanBeSetAndReadPerSubject() {
        String subject = "config-value";
        client.register(subject, TestSchemas.probeV1("Config"));
        client.setSubjectCompatibility(subject, Compatibility.FULL);
        assertThat(client.subjectCompatibility(subject)).contains(Compatibility.FULL);
        client.setSubjectCompatibility(subject, Compatibility.BACKWARD_TRANSITIVE);
        assertThat(client.subjectCompatibility(subject)).contains(Compatibility.BACKWARD_TRANSITIVE);
    }

    @Test
    void unknownIdsSubjectsAndSchemasAreTypedErrors() {
        assertThatThrownBy(() -> client.getById(987_654)).isInstanceOf(SchemaRegistryException.SchemaNotFound.class);
        assertThatThrownBy(() -> client.latest("no-such-subject")).isInstanceOf(SchemaRegistryException.SubjectNotFound.class);
        client.register("lookup-value", TestSchemas.probeV1("Lookup"));
        assertThatThrownBy(() -> client.lookup("lookup-value", TestSchemas.probeV2("Lookup")))
                .isInstanceOf(SchemaRegistryException.SchemaNotFound.class);
    }

    @Test
    void deletingASubjectRemovesItsVersions() {
        client.register("doomed-value", TestSchemas.probeV1("Doomed"));
        assertThat(client.deleteSubject("doomed-value")).containsExactly(1);
        assertThat(client.subjects()).doesNotContain("doomed-value");
    }

    /** A second client with empty caches, so that answers come from the registry, not from memory. */
    private static String registryUrl() {
        return url;
    }
}
