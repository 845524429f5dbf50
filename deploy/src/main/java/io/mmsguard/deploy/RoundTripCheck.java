package io.mmsguard.deploy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.CRC32;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Transport;
import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.ConfluentAvroDeserializer;
import io.mmsguard.schemas.serde.ConfluentAvroSerializer;
import io.mmsguard.schemas.serde.WireFormat;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The embedded mode's self-check until the pipeline exists: one sample MmsEnvelope written to mms.inbound with
 * the registry-backed serializer, read back from its exact offset with the deserializer, and compared.
 */
final class RoundTripCheck {

    record Result(boolean ok, String description) {
        String describe() {
            return (ok ? "Round trip OK: " : "Round trip FAILED: ") + description;
        }
    }

    private RoundTripCheck() {
    }

    static Result run(String bootstrap, String registryUrl) {
        long t0 = System.nanoTime();
        SchemaRegistryClient registry = SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl));
        MmsEnvelope sent = sample();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        RecordMetadata written;
        try (KafkaProducer<String, MmsEnvelope> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ConfluentAvroSerializer<>(registry, Map.of(), false))) {
            written = producer.send(new ProducerRecord<>(Topics.INBOUND, sent.getSender(), sent)).get();
        } catch (Exception e) {
            return new Result(false, "could not write to " + Topics.INBOUND + ": " + e.getMessage());
        }
        ConsumerRecord<String, byte[]> raw = readAt(bootstrap, new TopicPartition(Topics.INBOUND, written.partition()), written.offset());
        if (raw == null) {
            return new Result(false, "record " + Topics.INBOUND + "[" + written.partition() + "]@" + written.offset() + " not readable within 30 s");
        }
        MmsEnvelope read = new ConfluentAvroDeserializer<MmsEnvelope>(registry, Map.of(), false, MmsEnvelope.class)
                .deserialize(Topics.INBOUND, raw.value());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String where = String.format("%s[%d]@%d, schema id %d, %d bytes", Topics.INBOUND, written.partition(), written.offset(),
                WireFormat.schemaId(Topics.INBOUND, raw.value()), raw.value().length);
        if (!sent.equals(read)) {
            return new Result(false, "the envelope read back differs from the one written (" + where + ")");
        }
        return new Result(true, String.format("MmsEnvelope session %s from %s to %d recipient(s) with %d part(s) written to %s"
                        + " and read back identical in %d ms.", read.getSessionId(), read.getSender(), read.getRecipients().size(),
                read.getParts().size(), where, ms));
    }

    private static ConsumerRecord<String, byte[]> readAt(String bootstrap, TopicPartition partition, long offset) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    static MmsEnvelope sample() {
        byte[] text = "Hello from mmsguard's embedded mode.".getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(text);
        return MmsEnvelope.newBuilder()
                .setSessionId(UUID.randomUUID().toString())
                .setGatewayId("embedded-demo")
                .setReplyPartition(0)
                .setMmsInterface(MmsInterface.MM1)
                .setDirection(Direction.SEND)
                .setMessageType("m-send-req")
                .setTransactionId("demo-" + System.currentTimeMillis())
                .setSender("+15550100001")
                .setRecipients(List.of(Recipient.newBuilder().setAddress("+15550100002").setKind(RecipientKind.TO).build()))
                .setSubject("mmsguard demo")
                .setContentType("application/vnd.wap.multipart.related")
                .setParts(List.of(MmsPart.newBuilder()
                        .setContentType("text/plain")
                        .setCharset("utf-8")
                        .setName("hello.txt")
                        .setSize(text.length)
                        .setCrc32(crc.getValue())
                        .setSha256(sha256Hex(text))
                        .setContent(ByteBuffer.wrap(text))
                        .build()))
                .setOriginalSize(text.length)
                // Avro timestamp-millis keeps milliseconds only: truncate so the round trip compares equal.
                .setReceivedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTransport(Transport.newBuilder().setClientAddress("127.0.0.1").setMsisdnHeaderName("x-up-calling-line-id")
                        .setMsisdnHeaderValue("15550100001").build())
                .build();
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
