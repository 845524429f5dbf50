package io.mmsguard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmsguard.schemas.ConfluentPythonOracle;
import io.mmsguard.schemas.PlainJson;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our serde against Confluent's own (Python confluent_kafka.avro), through a real broker and a real registry:
 * each must read what the other wrote.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ConfluentPythonInteropIntegrationTest {
    static final Schema RICH = new Schema.Parser().parse("""
            {"type":"record","name":"Interop","namespace":"io.mmsguard.test","fields":[
              {"name":"id","type":"string"},
              {"name":"subject","type":["null","string"],"default":null},
              {"name":"size","type":"long"},
              {"name":"received","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["MM1","MM3","MM4","MM7"]}},
              {"name":"parts","type":{"type":"array","items":{"type":"record","name":"Part","fields":[
                {"name":"contentType","type":"string"},
                {"name":"name","type":["null","string"],"default":null},
                {"name":"data","type":"bytes"}]}}},
              {"name":"meta","type":{"type":"map","values":"string"}},
              {"name":"flagged","type":"boolean"},
              {"name":"score","type":"double"}]}""");

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

    static List<GenericRecord> richRecords(int n) {
        List<GenericRecord> out = new ArrayList<>();
        Schema part = RICH.getField("parts").schema().getElementType();
        Schema kind = RICH.getField("kind").schema();
        for (int i = 0; i < n; i++) {
            List<GenericRecord> parts = List.of(
                    new GenericRecordBuilder(part).set("contentType", "text/plain").set("name", "t" + i + ".txt")
                            .set("data", ByteBuffer.wrap(("h\u00e9llo " + i).getBytes(StandardCharsets.UTF_8))).build(),
                    new GenericRecordBuilder(part).set("contentType", "image/jpeg").set("name", null)
                            .set("data", ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xd8, 0, (byte) i})).build());
            out.add(new GenericRecordBuilder(RICH)
                    .set("id", "msg-" + i)
                    .set("subject", i % 3 == 0 ? null : "Subj \u00fc " + i)
                    .set("size", 30_000L + i)
                    .set("received", 1_764_000_000_000L + i)
                    .set("kind", new GenericData.EnumSymbol(kind, "MM" + (i % 2 == 0 ? "1" : "4")))
                    .set("parts", parts)
                    .set("meta", Map.of("client", "10.0.0." + i))
                    .set("flagged", i % 2 == 0)
                    .set("score", i + 0.5)
                    .build());
        }
        return out;
    }

    @Test
    void confluentsConsumerReadsWhatOurSerializerWrote() throws Exception {
        String topic = "interop-java-to-python";
        List<GenericRecord> records = richRecords(20);
        AvroKafka.produce(bootstrap, topic, new ConfluentAvroSerializer<>(registry, Map.of(), false), records);

        List<JsonNode> read = oracle.consume(bootstrap, registryUrl, topic, records.size());

        assertThat(read).containsExactlyElementsOf(records.stream().map(PlainJson::of).toList());
    }

    @Test
    void ourDeserializerReadsWhatConfluentsProducerWrote(@TempDir Path dir) throws Exception {
        String topic = "interop-python-to-java";
        List<JsonNode> expected = richRecords(20).stream().map(PlainJson::of).toList();
        oracle.produce(bootstrap, registryUrl, topic, RICH.toString(), expected, dir);

        List<GenericRecord> read = AvroKafka.consume(bootstrap, topic,
                new ConfluentAvroDeserializer<GenericRecord>(registry, Map.of(), false, null), expected.size(), Duration.ofSeconds(60));

        assertThat(read).extracting(PlainJson::of).containsExactlyElementsOf(expected);
        assertThat(registry.latest(topic + "-value").schema()).isEqualTo(RICH);
    }
}
