package io.mmsguard.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.schemas.TestSchemas;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.avro.Schema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.SchemaMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our registry client and Confluent's own Java client (7.5.3, relocated inside Flink's
 * flink-sql-avro-confluent-registry jar) against the same real registry: each finds what the other registered
 * and they agree on ids, versions and compatibility.
 */
@ExtendWith(SharedRegistry.class)
class ConfluentJavaClientInteropIntegrationTest {
    private static SchemaRegistryClient ours;
    private static CachedSchemaRegistryClient confluent;

    @BeforeAll
    static void connect(ApicurioRegistry registry) {
        ours = new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));
        confluent = new CachedSchemaRegistryClient(registry.url(), 100);
    }

    @Test
    void weFindWhatConfluentsClientRegistered() throws Exception {
        Schema schema = TestSchemas.probeV1("RegisteredByConfluent");
        int id = confluent.register("by-confluent-value", new AvroSchema(schema.toString()));

        RegisteredSchema found = ours.lookup("by-confluent-value", schema);
        assertThat(found.id()).isEqualTo(id);
        assertThat(found.version()).isEqualTo(1);
        assertThat(ours.getById(id)).isEqualTo(schema);
        assertThat(ours.latest("by-confluent-value").id()).isEqualTo(id);
        assertThat(ours.register("by-confluent-value", schema)).as("same schema, same id").isEqualTo(id);
    }

    @Test
    void confluentsClientFindsWhatWeRegistered() throws Exception {
        Schema schema = TestSchemas.probeV2("RegisteredByUs");
        int id = ours.register("by-us-value", schema);

        assertThat(new Schema.Parser().parse(confluent.getSchemaById(id).canonicalString())).isEqualTo(schema);
        SchemaMetadata latest = confluent.getLatestSchemaMetadata("by-us-value");
        assertThat(latest.getId()).isEqualTo(id);
        assertThat(latest.getVersion()).isEqualTo(1);
        assertThat(confluent.register("by-us-value", new AvroSchema(schema.toString()))).isEqualTo(id);
    }

    @Test
    void bothClientsGiveTheSameCompatibilityVerdicts() throws Exception {
        ours.setSubjectCompatibility("verdicts-value", SchemaRegistryClient.Compatibility.BACKWARD);
        ours.register("verdicts-value", TestSchemas.probeV1("Verdicts"));
        for (Schema candidate : new Schema[] {TestSchemas.probeV2("Verdicts"), TestSchemas.probeIncompatible("Verdicts")}) {
            boolean theirs = confluent.testCompatibility("verdicts-value", new AvroSchema(candidate.toString()));
            assertThat(ours.isCompatible("verdicts-value", candidate)).as(candidate.toString()).isEqualTo(theirs);
        }
        assertThat(ours.isCompatible("verdicts-value", TestSchemas.probeIncompatible("Verdicts"))).isFalse();
    }
}
