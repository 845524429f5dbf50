package io.mmsguard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.ConfluentPythonOracle;
import io.mmsguard.schemas.PlainJson;
import io.mmsguard.schemas.SampleContracts;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real contract records (generated classes, logical types, nested records, bytes, maps) through our serde and
 * Confluent's Python serde, over a real broker and registry: what analysts' tools will meet on our topics.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ContractInteropIntegrationTest {
    private static String bootstrap;
    private static String registryUrl;
    private static SchemaRegistryClient registry;
    private static ConfluentPythonOracle oracle;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry apicurio) {
        oracle = ConfluentPythonOracle.require();
        RealInfra infra = RealInfra.of(kafka, apicurio);
        bootstrap = infra.bootstrap();
        registryUrl = infra.registryUrl();
        registry = infra.registry();
    }

    @Test
    void confluentReadsTheEnvelopesAndProfilesWeWrite() throws Exception {
        List<MmsEnvelope> envelopes = SampleContracts.envelopes(12);
        AvroKafka.produce(bootstrap, "contract-envelopes", new ConfluentAvroSerializer<>(registry, Map.of(), false), envelopes);
        assertThat(oracle.consume(bootstrap, registryUrl, "contract-envelopes", envelopes.size()))
                .containsExactlyElementsOf(envelopes.stream().map(PlainJson::of).toList());

        MmsProfile profile = SampleContracts.strictProfile();
        AvroKafka.produce(bootstrap, "contract-profiles", new ConfluentAvroSerializer<>(registry, Map.of(), false), List.of(profile));
        assertThat(oracle.consume(bootstrap, registryUrl, "contract-profiles", 1)).containsExactly(PlainJson.of(profile));
    }

    @Test
    void weReadEnvelopesConfluentWritesIntoTheGeneratedClass(@TempDir Path dir) throws Exception {
        List<MmsEnvelope> envelopes = SampleContracts.envelopes(12);
        List<JsonNode> plain = envelopes.stream().map(PlainJson::of).toList();
        oracle.produce(bootstrap, registryUrl, "contract-from-python", MmsEnvelope.getClassSchema().toString(), plain, dir);

        List<MmsEnvelope> read = AvroKafka.consume(bootstrap, "contract-from-python",
                new ConfluentAvroDeserializer<MmsEnvelope>(registry, Map.of("specific.avro.reader", true), false, null),
                envelopes.size(), Duration.ofSeconds(60));

        assertThat(read).containsExactlyElementsOf(envelopes);
    }
}
