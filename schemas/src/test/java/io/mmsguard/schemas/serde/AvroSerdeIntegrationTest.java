package io.mmsguard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.mmsguard.schemas.PlainJson;
import io.mmsguard.schemas.TestSchemas;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({SharedKafka.class, SharedRegistry.class})
class AvroSerdeIntegrationTest {
    private static String bootstrap;
    private static String registryUrl;
    private static SchemaRegistryClient registry;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry apicurio) {
        RealInfra infra = RealInfra.of(kafka, apicurio);
        bootstrap = infra.bootstrap();
        registryUrl = infra.registryUrl();
        registry = infra.registry();
    }

    @Test
    void kafkaConfiguresTheSerdeByClassNameWithConfluentsKeys() {
        List<GenericRecord> sent = ConfluentPythonInteropIntegrationTest.richRecords(5);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConfluentAvroSerializer.class.getName());
        p.put("schema.registry.url", registryUrl);
        p.put("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(p)) {
            sent.forEach(r -> producer.send(new ProducerRecord<>("by-class-name", r)));
        }
        assertThat(registry.subjects()).contains("io.mmsguard.test.Interop").doesNotContain("by-class-name-value");

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "by-class-name");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConfluentAvroDeserializer.class.getName());
        c.put("schema.registry.url", registryUrl);
        List<GenericRecord> read = new java.util.ArrayList<>();
        try (KafkaConsumer<String, GenericRecord> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of("by-class-name"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < sent.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
            }
        }
        assertThat(read).extracting(PlainJson::of).containsExactlyElementsOf(sent.stream().map(PlainJson::of).toList());
    }

    @Test
    void topicRecordNameStrategyRegistersOneSubjectPerTopicAndRecord() {
        var serializer = new ConfluentAvroSerializer<GenericRecord>(registry,
                Map.of("value.subject.name.strategy", "TopicRecordNameStrategy"), false);
        GenericRecord probe = new GenericRecordBuilder(TestSchemas.probeV1("Strategy")).set("id", "1").set("text", "x").build();
        serializer.serialize("mixed", probe);
        assertThat(registry.subjects()).contains("mixed-io.mmsguard.test.Strategy");
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsAClearError() {
        var serializer = new ConfluentAvroSerializer<GenericRecord>(registry, Map.of("auto.register.schemas", false), false);
        GenericRecord probe = new GenericRecordBuilder(TestSchemas.probeV1("Unregistered")).set("id", "1").set("text", "x").build();
        assertThatThrownBy(() -> serializer.serialize("locked-down", probe))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("locked-down-value");

        registry.register("locked-down-value", probe.getSchema());
        byte[] bytes = serializer.serialize("locked-down", probe);
        assertThat(WireFormat.schemaId("locked-down", bytes)).isEqualTo(registry.lookup("locked-down-value", probe.getSchema()).id());
    }

    @Test
    void useLatestVersionWritesWithTheSubjectsNewestSchemaId() {
        registry.register("latest-value", TestSchemas.probeV1("Latest"));
        int v2 = registry.register("latest-value", TestSchemas.probeV2("Latest"));
        var serializer = new ConfluentAvroSerializer<GenericRecord>(registry,
                Map.of("use.latest.version", true, "auto.register.schemas", false), false);
        GenericRecord record = new GenericRecordBuilder(TestSchemas.probeV2("Latest")).set("id", "1").set("text", "x").set("count", 3).build();
        byte[] bytes = serializer.serialize("latest", record);
        assertThat(WireFormat.schemaId("latest", bytes)).isEqualTo(v2);
        GenericRecord back = new ConfluentAvroDeserializer<GenericRecord>(registry, Map.of(), false, null).deserialize("latest", bytes);
        assertThat(back.get("count")).isEqualTo(3);
    }

    @Test
    void primitivesAndTombstonesRoundTripAsConfluentsSerdeDoes() {
        var serializer = new ConfluentAvroSerializer<Object>(registry, Map.of(), false);
        var deserializer = new ConfluentAvroDeserializer<Object>(registry, Map.of(), false, null);
        // One topic per type: a subject's schema may only evolve compatibly, and string -> long is not.
        assertThat(deserializer.deserialize("prim-string", serializer.serialize("prim-string", "h\u00e9llo"))).isEqualTo("h\u00e9llo");
        assertThat(deserializer.deserialize("prim-long", serializer.serialize("prim-long", 42L))).isEqualTo(42L);
        assertThat((byte[]) deserializer.deserialize("prim-bytes", serializer.serialize("prim-bytes", new byte[] {1, 2}))).containsExactly(1, 2);
        assertThatThrownBy(() -> serializer.serialize("prim-string", 42L)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("prim-string-value");
        assertThat(serializer.serialize("prims", null)).isNull();
        assertThat(deserializer.deserialize("prims", null)).isNull();
    }

    @Test
    void aConsumerMeetingForeignBytesOrAnUnknownIdGetsAnErrorNamingTheOffsetAndTheCause() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>("foreign", "json", "{\"a\":1}".getBytes())).get();
            raw.send(new ProducerRecord<>("unknown-id", "x", new byte[] {0, 0x7f, 0, 0, 1, 2})).get();
        }
        assertThat(firstPollError("foreign")).hasMessageContaining("unknown magic byte 0x7b");
        assertThat(firstPollError("unknown-id")).hasMessageContaining("schema id 2130706433")
                .hasMessageContaining("does not know");
    }

    private Throwable firstPollError(String topic) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "errors-" + topic);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ConfluentAvroDeserializer<>(registry, Map.of(), false, null))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    consumer.poll(Duration.ofMillis(200));
                } catch (RecordDeserializationException e) {
                    assertThat(e.offset()).isZero();
                    assertThat(e.topicPartition().topic()).isEqualTo(topic);
                    return e.getCause();
                }
            }
        }
        throw new AssertionError("no deserialization error on " + topic);
    }
}
