package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.ArchiveKind;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.ArchiveTrigger;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Transport;
import io.mmsguard.avro.Verdict;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.ConfluentAvroSerializer;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code mmsguard archive query} against archive records written as the topology writes them (Confluent format,
 * record timestamp = when archived): on one partition for the filters of the first version, and on three partitions,
 * each written out of the others' time order, for the merge in record time and the filters of issue 18.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ArchiveQueryIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static String bootstrap;
    private static String registryUrl;
    private static String topic;
    private static String spread;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        bootstrap = kafka.bootstrapServers();
        registryUrl = registry.url();
        topic = "cli-archive-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        spread = topic + "-spread";
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(spread, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<ArchiveRecord> records = List.of(
                record("+491701", List.of("+491709"), T0, Verdict.PASS, Reason.NONE, null),
                record("+491702", List.of("+491709", "+491708"), T0.plusSeconds(60), Verdict.BLOCK, Reason.VIRUS, "EICAR-Test-File"),
                record("+491701", List.of("+491707"), T0.plusSeconds(120), Verdict.BLOCK, Reason.FLOOD, "flood threshold 1"),
                record("+491703", List.of("+491709"), T0.plusSeconds(180), Verdict.STRIP, Reason.FILE_FILTER, "game.exe"));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl));
        try (KafkaProducer<String, ArchiveRecord> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ConfluentAvroSerializer<>(client, Map.of(), false))) {
            for (ArchiveRecord r : records) {
                producer.send(new ProducerRecord<>(topic, null, r.getArchivedAt().toEpochMilli(), r.getSender(), r)).get();
            }
            // partition 2 first, then 1, then 0: read partition by partition, the output would not be in time order
            for (int partition = 2; partition >= 0; partition--) {
                for (ArchiveRecord r : spread(partition)) {
                    producer.send(new ProducerRecord<>(spread, partition, r.getArchivedAt().toEpochMilli(),
                            r.getSender(), r)).get();
                }
            }
        }
    }

    /** Partition p holds the minutes p, p + 3, p + 6 after T0; each record is set apart by one field. */
    private static List<ArchiveRecord> spread(int partition) {
        List<ArchiveRecord> out = new ArrayList<>();
        for (int minute = partition; minute < 9; minute += 3) {
            ArchiveRecord.Builder b = ArchiveRecord.newBuilder(record("+49170" + minute, List.of("+491709"),
                    T0.plusSeconds(60L * minute), Verdict.PASS, Reason.NONE, null));
            switch (minute) {
                case 1 -> b.setMmsInterface(MmsInterface.MM7);
                case 2 -> b.setDirection(Direction.RETRIEVE);
                case 3 -> b.setProfile("vasp");
                case 4 -> b.setMessageId("msg-4");
                case 5 -> b.setChecksum("9f86d081884c7d65");
                case 6 -> b.setVerdict(Verdict.STRIP).setReason(Reason.VIRUS).setDetail("a.zip!/x.exe: Eicar-Test-Signature");
                case 7 -> b.setVerdict(Verdict.BLOCK).setReason(Reason.VIRUS).setDetail("Win.Test.EICAR_HDB-1");
                default -> {
                }
            }
            out.add(b.build());
        }
        return out;
    }

    private static ArchiveRecord record(String sender, List<String> to, Instant received, Verdict verdict, Reason reason,
                                        String detail) {
        List<Recipient> recipients = new ArrayList<>();
        to.forEach(a -> recipients.add(Recipient.newBuilder().setAddress(a).setKind(RecipientKind.TO).build()));
        return ArchiveRecord.newBuilder().setKind(ArchiveKind.SUMMARY).setTrigger(ArchiveTrigger.PROFILE)
                .setSessionId("s-" + received.getEpochSecond()).setMmsInterface(MmsInterface.MM1)
                .setDirection(Direction.SEND).setSender(sender).setRecipients(recipients)
                .setContentType("multipart/mixed").setOriginalSize(1234).setParts(List.of())
                .setTransport(Transport.newBuilder().build()).setReceivedAt(received)
                .setArchivedAt(received.plusMillis(5)).setVerdict(verdict).setReason(reason).setDetail(detail)
                .setProfile("default").build();
    }

    private static Cli query(String... args) {
        List<String> all = new ArrayList<>(List.of("archive", "query"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-servers", bootstrap, "--registry-url", registryUrl, "--archive-topic", topic));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void bySenderAsATable() {
        Cli q = query("--sender", "+491701");

        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(q.out()).isEqualTo("""
                RECEIVED                 IF   SENDER             RECIPIENTS             VERDICT           REASON          DETAIL
                2026-11-24T10:00:00Z     MM1  +491701            +491709                PASS              NONE
                2026-11-24T10:02:00Z     MM1  +491701            +491707                BLOCK             FLOOD           flood threshold 1
                """);
        assertThat(q.err()).isEqualTo("4 record(s) scanned, 2 matched\n");
    }

    @Test
    void byVerdictAsJsonLines() {
        Cli q = query("--verdict", "strip", "--json");

        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(q.out()).isEqualTo("{\"kind\":\"SUMMARY\",\"trigger\":\"PROFILE\",\"sessionId\":\"s-1795514580\","
                + "\"mmsInterface\":\"MM1\",\"direction\":\"SEND\",\"messageId\":null,\"transactionId\":null,"
                + "\"sender\":\"+491703\",\"senderRaw\":null,\"recipients\":[{\"address\":\"+491709\",\"kind\":\"TO\","
                + "\"raw\":null}],\"subject\":null,\"contentType\":\"multipart/mixed\",\"originalSize\":1234,"
                + "\"checksum\":null,\"parts\":[],\"transport\":{\"listener\":null,\"clientAddress\":null,"
                + "\"msisdnHeaderName\":null,\"msisdnHeaderValue\":null,\"mmsVersion\":null,\"httpUrl\":null,"
                + "\"httpUserAgent\":null,\"smtpHelo\":null,\"smtpMailFrom\":null,\"mm4OriginatorSystem\":null,"
                + "\"mm4AckRequest\":false,\"mm7VaspId\":null,\"mm7VasId\":null,\"mm7ServiceCode\":null,"
                + "\"mm7LinkedId\":null,\"headers\":{}},\"receivedAt\":\"2026-11-24T10:03:00Z\","
                + "\"archivedAt\":\"2026-11-24T10:03:00.005Z\",\"verdict\":\"STRIP\",\"reason\":\"FILE_FILTER\","
                + "\"detail\":\"game.exe\",\"threshold\":null,\"profile\":\"default\",\"profileVersion\":0,"
                + "\"encryptedContent\":null}\n");
        assertThat(q.err()).isEqualTo("4 record(s) scanned, 1 matched\n");
    }

    @Test
    void aTimeRangeStartsAtTheFirstRecordOfSinceAndEndsBeforeUntil() {
        Cli q = query("--since", "2026-11-24T10:01:00Z", "--until", "2026-11-24T11:02:00+01:00", "--recipient", "+491709");

        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(q.out()).isEqualTo("""
                RECEIVED                 IF   SENDER             RECIPIENTS             VERDICT           REASON          DETAIL
                2026-11-24T10:01:00Z     MM1  +491702            +491709 +1             BLOCK             VIRUS           EICAR-Test-File
                """);
        assertThat(q.err()).as("offsetsForTimes skipped the first record").isEqualTo("3 record(s) scanned, 1 matched\n");
    }

    private static Cli querySpread(String... args) {
        List<String> all = new ArrayList<>(List.of("archive", "query"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-servers", bootstrap, "--registry-url", registryUrl, "--archive-topic", spread));
        return Cli.run(all.toArray(String[]::new));
    }

    /** The senders of a query's table rows, in the order printed. */
    private static List<String> senders(Cli q) {
        return q.out().lines().skip(1).map(l -> l.split(" +")[2]).toList();
    }

    @Test
    void acrossPartitionsRecordsComeInRecordTime() {
        Cli q = querySpread();

        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(senders(q)).containsExactly("+491700", "+491701", "+491702", "+491703", "+491704", "+491705",
                "+491706", "+491707", "+491708");
        assertThat(q.err()).isEqualTo("9 record(s) scanned, 9 matched\n");
    }

    @Test
    void aLimitTakesTheEarliestAcrossPartitionsAndSinceStartsEachPartitionAtItsTime() {
        Cli q = querySpread("--limit", "4", "--since", "2026-11-24T10:02:00Z");

        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(senders(q)).containsExactly("+491702", "+491703", "+491704", "+491705");
        assertThat(q.err()).endsWith("4 matched (--limit reached)\n");
    }

    @Test
    void filtersOnInterfaceDirectionProfileSessionMessageIdAndChecksum() {
        assertThat(senders(querySpread("--interface", "mm7"))).containsExactly("+491701");
        assertThat(senders(querySpread("--direction", "retrieve"))).containsExactly("+491702");
        assertThat(senders(querySpread("--profile", "vasp"))).containsExactly("+491703");
        assertThat(senders(querySpread("--message-id", "msg-4"))).containsExactly("+491704");
        assertThat(senders(querySpread("--checksum", "9F86D081884C7D65"))).containsExactly("+491705");
        assertThat(senders(querySpread("--session", "s-" + T0.plusSeconds(480).getEpochSecond())))
                .containsExactly("+491708");

        Cli bad = querySpread("--interface", "mm9");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--interface: \"mm9\" is not one of [UNKNOWN, MM1");
    }

    @Test
    void aVirusIsFoundByItsSignatureNameInAPartOrAnArchiveMember() {
        assertThat(senders(querySpread("--virus", "eicar-test-signature"))).containsExactly("+491706");
        assertThat(senders(querySpread("--virus", "Win.Test.EICAR_HDB-1"))).containsExactly("+491707");
        assertThat(querySpread("--virus", "a.zip!/x.exe").exit()).as("a member path is no signature").isEqualTo(1);
    }

    @Test
    void limitStopsEarlyAndNoMatchIsExitCode1() {
        Cli limited = query("--verdict", "BLOCK", "--limit", "1", "--json");
        assertThat(limited.exit()).isZero();
        assertThat(limited.out().lines()).singleElement().asString().contains("\"sender\":\"+491702\"");
        // the whole poll was read into the merge before the first record was printed
        assertThat(limited.err()).isEqualTo("4 record(s) scanned, 1 matched (--limit reached)\n");

        Cli none = query("--sender", "+000");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("4 record(s) scanned, 0 matched\n");

        Cli bad = query("--verdict", "maybe");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--verdict: \"maybe\" is not one of [UNKNOWN, PASS, PASS_UNSCANNED");
    }
}
