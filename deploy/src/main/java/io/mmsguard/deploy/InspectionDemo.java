package io.mmsguard.deploy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.deploy.cli.HttpPost;
import io.mmsguard.deploy.cli.Mm1Client;
import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.ConfluentAvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code mmsguard up --demo}: sample MM1 traffic as handsets send it, through the gateway and the real inspection
 * topology to the demo MMSC, and what each handset was answered. The traffic is a clean message, a virus (EICAR), a
 * banned file type, spam over the banned-word threshold, a flood from one sender and a duplicate campaign across
 * senders. Senders and content carry a per-run tag, so a second run on the same data directory is judged on its
 * own.
 */
final class InspectionDemo {
    static final String PROFILE = "demo";
    static final int FLOOD_LIMIT = 5;
    static final int FLOOD_MESSAGES = 8;
    static final int DUPLICATE_LIMIT = 3;
    static final int DUPLICATE_MESSAGES = 5;
    private static final byte[] EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
            .getBytes(StandardCharsets.US_ASCII);

    /** One message the demo sent, what it is meant to show, the handset's answer, and whether the MMSC got it. */
    record Line(String transactionId, String sender, String what, Integer status, String text, boolean forwarded) {
    }

    record Result(List<Line> lines) {
        boolean complete() {
            return lines.stream().allMatch(l -> l.status() != null);
        }

        long count(int status) {
            return lines.stream().filter(l -> l.status() != null && l.status() == status).count();
        }

        long forwarded() {
            return lines.stream().filter(Line::forwarded).count();
        }

        String describe() {
            StringBuilder b = new StringBuilder(String.format("%-22s %-18s %-9s %-4s %s%n", "sender", "message",
                    "answer", "MMSC", "text the handset got"));
            for (Line l : lines) {
                b.append(String.format("%-22s %-18s %-9s %-4s %s%n", l.sender(), l.what(),
                        l.status() == null ? "(none)" : name(l.status()), l.forwarded() ? "yes" : "no",
                        l.text() == null ? "" : l.text()));
            }
            return b.toString();
        }

        private static String name(int status) {
            return switch (status) {
                case 0x80 -> "Ok";
                case 0x87 -> "blocked";
                case 0xC0 -> "retry";
                default -> String.format("0x%02X", status);
            };
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

    /**
     * Sends the demo traffic as a handset would: m-send.req PDUs POSTed to the gateway's MM1 listener, the sender's
     * MSISDN in the {@code x-up-calling-line-id} header, one at a time (so that the thresholds count in the order
     * shown), and reads each m-send.conf.
     */
    static Result run(URI mm1, DemoMmsc mmsc, Duration timeout) throws Exception {
        String tag = Long.toString(System.currentTimeMillis() % 100_000_000L);
        List<Object[]> messages = new ArrayList<>();
        messages.add(new Object[] {"+4917001" + tag, "clean text", text("see you at eight")});
        messages.add(new Object[] {"+4917002" + tag, "virus attachment",
            MmsPart.of(ContentType.of("application/octet-stream"), "eicar", "eicar.com", EICAR)});
        messages.add(new Object[] {"+4917003" + tag, "banned file type",
            MmsPart.of(ContentType.of("application/octet-stream"), "game", "game.exe", new byte[] {'M', 'Z', 0, 1})});
        messages.add(new Object[] {"+4917004" + tag, "spam words", text("casino casino free money now")});
        for (int i = 0; i < FLOOD_MESSAGES; i++) {
            messages.add(new Object[] {"+4917005" + tag, "flood " + (i + 1) + "/" + FLOOD_MESSAGES,
                text("message " + i + " of a flood")});
        }
        for (int i = 0; i < DUPLICATE_MESSAGES; i++) {
            messages.add(new Object[] {"+491706" + i + tag, "duplicate " + (i + 1) + "/" + DUPLICATE_MESSAGES,
                text("win a prize " + tag)});
        }
        Mm1Client client = new Mm1Client(new HttpPost(timeout));
        List<Line> lines = new ArrayList<>();
        for (int n = 0; n < messages.size(); n++) {
            Object[] m = messages.get(n);
            String tid = "demo-" + tag + "-" + n;
            byte[] pdu = Mm1Client.sendReq(tid, FromAddress.insertAddress(), List.of("+4916000001/TYPE=PLMN"), null,
                    List.of((MmsPart) m[2]));
            Mm1Client.Answer answer = client.submit(mm1, pdu, Map.of("x-up-calling-line-id", (String) m[0]));
            Integer status = null;
            String text = "HTTP " + answer.httpStatus();
            if (answer.conf() != null) {
                status = answer.conf().responseStatus();
                text = answer.conf().responseText();
            }
            lines.add(new Line(tid, (String) m[0], (String) m[1], status, text, mmsc.received(tid)));
        }
        return new Result(lines);
    }

    private static MmsPart text(String text) {
        return Mm1Client.text(text);
    }

    private static KafkaProducer<String, SpecificRecord> producer(String bootstrap, String registryUrl) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        SchemaRegistryClient registry = SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl));
        return new KafkaProducer<>(p, new StringSerializer(), new ConfluentAvroSerializer<>(registry, Map.of(), false));
    }

}
