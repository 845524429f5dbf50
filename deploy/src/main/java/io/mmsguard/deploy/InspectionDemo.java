package io.mmsguard.deploy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.avro.Transport;
import io.mmsguard.inspection.profile.ContentChecksum;
import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.ConfluentAvroDeserializer;
import io.mmsguard.schemas.serde.ConfluentAvroSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@code mmsguard up --demo}: sample MM1 traffic through the real inspection topology, and what it decided. The
 * traffic is a clean message, a virus (EICAR), a banned file type, spam over the banned-word threshold, a flood from
 * one sender and a duplicate campaign across senders. Senders and content carry a per-run tag, so a second run on
 * the same data directory is judged on its own.
 */
final class InspectionDemo {
    static final String PROFILE = "demo";
    static final int FLOOD_LIMIT = 5;
    static final int FLOOD_MESSAGES = 8;
    static final int DUPLICATE_LIMIT = 3;
    static final int DUPLICATE_MESSAGES = 5;
    private static final byte[] EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
            .getBytes(StandardCharsets.US_ASCII);

    /** One message the demo sent, what it is meant to show, and the decision that came back (null if none). */
    record Line(String sessionId, String sender, String what, Decision decision) {
    }

    record Result(List<Line> lines) {
        boolean complete() {
            return lines.stream().allMatch(l -> l.decision() != null);
        }

        long count(String verdict, String reason) {
            return lines.stream().filter(l -> l.decision() != null
                    && l.decision().getVerdict().name().equals(verdict)
                    && l.decision().getReason().name().equals(reason)).count();
        }

        String describe() {
            StringBuilder b = new StringBuilder(String.format("%-26s %-16s %-18s %-10s %-12s %s%n", "session", "sender",
                    "message", "verdict", "reason", "why"));
            for (Line l : lines) {
                Decision d = l.decision();
                b.append(String.format("%-26s %-16s %-18s %-10s %-12s %s%n", l.sessionId(), l.sender(), l.what(),
                        d == null ? "(none)" : d.getVerdict(), d == null ? "" : d.getReason(),
                        d == null ? "no decision within the timeout" : why(d)));
            }
            return b.toString();
        }

        private static String why(Decision d) {
            return d.getDetail() == null ? "" : d.getDetail();
        }
    }

    private InspectionDemo() {
    }

    /** The demo profile: every MM1 scanner, a flood limit of 5 and a duplicate limit of 3 per minute. */
    static MmsProfile profile() {
        return MmsProfile.newBuilder().setName(PROFILE)
                .setMm1(InterfaceSettings.newBuilder()
                        .setFlood(List.of(threshold(FLOOD_LIMIT)))
                        .setDuplicate(List.of(threshold(DUPLICATE_LIMIT))).build())
                .setFileFilter(List.of(FileFilterEntry.newBuilder().setPattern("*.exe").build()))
                .setBannedWordThreshold(15)
                .setBannedWords(List.of(BannedWord.newBuilder().setPattern("casino").build(),
                        BannedWord.newBuilder().setPattern("\"free money\"").build()))
                .build();
    }

    private static Threshold threshold(int limit) {
        return Threshold.newBuilder().setEnabled(true).setWindowMinutes(1).setLimit(limit)
                .setActions(List.of(ThresholdAction.BLOCK, ThresholdAction.LOG)).setBlockTimeMinutes(0).build();
    }

    static void publishProfile(String bootstrap, String registryUrl) throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = producer(bootstrap, registryUrl)) {
            producer.send(new ProducerRecord<>(Topics.PROFILES, PROFILE, profile())).get();
        }
    }

    static Result run(String bootstrap, String registryUrl, Duration timeout) throws Exception {
        String tag = Long.toString(System.currentTimeMillis() % 100_000_000L);
        List<Line> lines = new ArrayList<>();
        List<MmsEnvelope> envelopes = new ArrayList<>();
        Instant now = Instant.now();
        add(lines, envelopes, envelope(tag, 1, "+4917001" + tag, text("see you at eight"), now), "clean text");
        add(lines, envelopes, envelope(tag, 2, "+4917002" + tag, part("application/octet-stream", "eicar.com", EICAR),
                now), "virus attachment");
        add(lines, envelopes, envelope(tag, 3, "+4917003" + tag, part("application/octet-stream", "game.exe",
                new byte[] {'M', 'Z', 0, 1}), now), "banned file type");
        add(lines, envelopes, envelope(tag, 4, "+4917004" + tag, text("casino casino free money now"), now),
                "spam words");
        for (int i = 0; i < FLOOD_MESSAGES; i++) {
            add(lines, envelopes, envelope(tag, 10 + i, "+4917005" + tag, text("message " + i + " of a flood"), now),
                    "flood " + (i + 1) + "/" + FLOOD_MESSAGES);
        }
        for (int i = 0; i < DUPLICATE_MESSAGES; i++) {
            add(lines, envelopes, envelope(tag, 30 + i, "+491706" + i + tag, text("win a prize " + tag), now),
                    "duplicate " + (i + 1) + "/" + DUPLICATE_MESSAGES);
        }

        TopicPartition decisions = new TopicPartition(Topics.DECISIONS, 0);
        try (KafkaConsumer<String, Decision> consumer = consumer(bootstrap, registryUrl)) {
            consumer.assign(List.of(decisions));
            consumer.seekToEnd(List.of(decisions));
            consumer.position(decisions);
            Map<String, Decision> bySession = new LinkedHashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            try (KafkaProducer<String, SpecificRecord> producer = producer(bootstrap, registryUrl)) {
                // One at a time, so that the table reads in the order the thresholds counted: messages from
                // different senders sit in different partitions, whose relative order Kafka does not keep.
                for (MmsEnvelope e : envelopes) {
                    producer.send(new ProducerRecord<>(Topics.INBOUND, e.getSender(), e)).get();
                    while (!bySession.containsKey(e.getSessionId()) && System.nanoTime() < deadline) {
                        for (ConsumerRecord<String, Decision> r : consumer.poll(Duration.ofMillis(100))) {
                            bySession.put(r.key(), r.value());
                        }
                    }
                }
            }
            List<Line> answered = new ArrayList<>();
            for (Line l : lines) {
                answered.add(new Line(l.sessionId(), l.sender(), l.what(), bySession.get(l.sessionId())));
            }
            return new Result(answered);
        }
    }

    private static void add(List<Line> lines, List<MmsEnvelope> envelopes, MmsEnvelope e, String what) {
        envelopes.add(e);
        lines.add(new Line(e.getSessionId(), e.getSender(), what, null));
    }

    private static MmsPart text(String text) {
        MmsPart p = part("text/plain", "text.txt", text.getBytes(StandardCharsets.UTF_8));
        p.setCharset("utf-8");
        return p;
    }

    private static MmsPart part(String type, String filename, byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return MmsPart.newBuilder().setContentType(type).setFilename(filename).setSize(content.length)
                .setCrc32(crc.getValue()).setSha256(ContentChecksum.sha256Hex(content))
                .setContent(ByteBuffer.wrap(content)).build();
    }

    private static MmsEnvelope envelope(String tag, int n, String sender, MmsPart part, Instant receivedAt) {
        return MmsEnvelope.newBuilder()
                .setSessionId("demo-" + tag + "-" + n).setGatewayId("demo").setReplyPartition(0)
                .setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND).setMessageType("m-send-req")
                .setSender(sender)
                .setRecipients(List.of(Recipient.newBuilder().setAddress("+4916000001").setKind(RecipientKind.TO)
                        .build()))
                .setContentType("application/vnd.wap.multipart.mixed").setParts(List.of(part))
                .setOriginalSize(part.getSize() + 200).setReceivedAt(receivedAt)
                .setTransport(Transport.newBuilder().setListener("demo").build())
                .setProfile(PROFILE)
                .build();
    }

    private static KafkaProducer<String, SpecificRecord> producer(String bootstrap, String registryUrl) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        SchemaRegistryClient registry = SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl));
        return new KafkaProducer<>(p, new StringSerializer(), new ConfluentAvroSerializer<>(registry, Map.of(), false));
    }

    private static KafkaConsumer<String, Decision> consumer(String bootstrap, String registryUrl) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        SchemaRegistryClient registry = SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl));
        return new KafkaConsumer<>(p, new StringDeserializer(),
                new ConfluentAvroDeserializer<>(registry, Map.of(), false, Decision.class));
    }
}
