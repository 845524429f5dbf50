package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.archive.ArchiveContentSealer;
import io.mmsguard.schemas.archive.ArchiveCryptoException;
import io.mmsguard.schemas.archive.ArchiveKeyring;
import io.mmsguard.schemas.archive.EnvelopeCipher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mmsguard archive query}: filter mms.archive up to its end as of the start of the query. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {
            "Read mms.archive from the first record at or after --since (Kafka's offsetsForTimes; the beginning"
                + " without --since) up to the end offsets taken when the query starts, print each record that matches"
                + " every given filter as soon as it is read, and then a summary line (records scanned, matched) on"
                + " stderr. Across partitions records come in the order they are read, not sorted by time.",
            "",
            "Output: --table (default) is one fixed-width row per record under a header; --json is one JSON object"
                + " per line with every field of the ArchiveRecord (timestamps as ISO-8601, content as base64).",
            "",
            "Encrypted content (the inspection service's archive.key-id): with --key-file (or MMSGUARD_ARCHIVE_KEYS_FILE,"
                + " or the keys themselves in MMSGUARD_ARCHIVE_KEYS) the content fields are decrypted and printed in"
                + " place; without a key the clear fields are printed, encryptedContent stays as it is, and the"
                + " summary line says how many records hold encrypted content.",
            "",
            "A query that prints subscribers' content is audited: one line on the logger io.mmsguard.audit.archive"
                + " (reader, time, filter, records, whether decrypted); docs/security.md, \"The archive\"."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:at least one record matched", "1:no record matched", ExitCodes.USAGE_LINE,
            ExitCodes.UNREACHABLE_LINE})
public final class ArchiveQueryCommand extends CliCommand {
    private static final Duration POLL = Duration.ofMillis(500);
    static final String ARCHIVE_KEYS_VARIABLE = "MMSGUARD_ARCHIVE_KEYS";

    @Option(names = "--sender", paramLabel = "S", description = "Normalised sender, exactly.")
    String sender;

    @Option(names = "--recipient", paramLabel = "R", description = "A recipient address, exactly.")
    String recipient;

    @Option(names = "--since", paramLabel = "ISO", converter = IsoTime.class,
            description = "Received at or after (2026-11-24T10:00:00Z, with an offset, or a date = midnight UTC).")
    Instant since;

    @Option(names = "--until", paramLabel = "ISO", converter = IsoTime.class,
            description = "Received before (exclusive).")
    Instant until;

    @Option(names = "--verdict", paramLabel = "V", description = "PASS, PASS_UNSCANNED, STRIP, BLOCK or TEMPORARY_FAILURE (any case).")
    String verdict;

    @Option(names = "--reason", paramLabel = "R", description = "NONE, ENDPOINT, OVERSIZE, FILE_FILTER, VIRUS,"
            + " BANNED_WORDS, CHECKSUM, FLOOD, DUPLICATE, MALFORMED, SCANNER_FAILURE or UNPACK (any case).")
    String reason;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N matches.")
    Integer limit;

    @ArgGroup(exclusive = true)
    Output output = new Output();

    static final class Output {
        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;

        @Option(names = "--table", description = "A fixed-width table with a header (the default).")
        boolean table;
    }

    @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "${env:MMSGUARD_ARCHIVE_KEYS_FILE}",
            description = "Archive keys, <key-id>:<base64 of 32 bytes> per line (the inspection service's"
                    + " archive.keys-file). Default: MMSGUARD_ARCHIVE_KEYS_FILE; else the keys in MMSGUARD_ARCHIVE_KEYS.")
    Path keyFile;

    @Option(names = "--author", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who reads, for the audit line (default: the account running the command, ${DEFAULT-VALUE}).")
    String author;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--archive-topic", paramLabel = "TOPIC", defaultValue = Topics.ARCHIVE,
            description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Override
    protected int execute() {
        if (limit != null && limit < 1) {
            throw usage("--limit must be at least 1");
        }
        ArchiveFilter filter = new ArchiveFilter(sender, recipient, since, until,
                symbol(Verdict.class, "--verdict", verdict), symbol(Reason.class, "--reason", reason));
        ArchiveFormat format = output.json ? ArchiveFormat.JSON : ArchiveFormat.TABLE;
        Optional<ArchiveContentSealer> keys = keys(System.getenv(ARCHIVE_KEYS_VARIABLE));
        ArchiveReadAudit audit = new ArchiveReadAudit(author == null ? "unknown" : author, Instant.now(), topic,
                filter.describe());
        Connection c = connection.connect();
        long scanned = 0;
        long matched = 0;
        try (KafkaConsumer<String, ArchiveRecord> consumer = c.consumer(c.topic(Contracts.ARCHIVE, topic))) {
            List<TopicPartition> partitions = CompactedTopic.partitions(consumer, topic, c);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            TopicSearch.seek(consumer, partitions, since, end);
            if (format.header() != null) {
                out().println(format.header());
            }
            read:
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, ArchiveRecord> r : consumer.poll(POLL)) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition())) || r.value() == null) {
                        continue;
                    }
                    scanned++;
                    if (filter.matches(r.value())) {
                        matched++;
                        ArchiveRecord printed = open(keys, r);
                        audit.printed(printed, printed != r.value());
                        out().println(format.line(printed));
                        out().flush();
                        if (limit != null && matched >= limit) {
                            break read;
                        }
                    }
                }
            }
        } catch (SerializationException e) {
            throw new CliException(ExitCodes.FAILED, "cannot decode a record on " + topic + ": " + e.getMessage(), e);
        } finally {
            audit.log();
        }
        err().printf("%d record(s) scanned, %d matched%s%s%n", scanned, matched,
                limit != null && matched >= limit ? " (--limit reached)" : "",
                audit.stillEncrypted() == 0 ? "" : "; content of " + audit.stillEncrypted()
                        + " encrypted (give the archive keys with --key-file)");
        return matched > 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The keys from --key-file, else from the variable; empty when neither is given. */
    private Optional<ArchiveContentSealer> keys(String variable) {
        String text;
        String source;
        if (keyFile != null) {
            try {
                text = Files.readString(keyFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "--key-file: cannot read " + keyFile + ": " + e.getMessage(), e);
            }
            source = keyFile.toString();
        } else if (variable != null && !variable.isBlank()) {
            text = variable;
            source = ARCHIVE_KEYS_VARIABLE;
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(new ArchiveContentSealer(new EnvelopeCipher(ArchiveKeyring.parse(text, null, source))));
        } catch (ArchiveCryptoException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    /** The record with its content decrypted when keys are given; the same instance when nothing was decrypted. */
    private static ArchiveRecord open(Optional<ArchiveContentSealer> keys, ConsumerRecord<String, ArchiveRecord> r) {
        if (keys.isEmpty() || r.value().getEncryptedContent() == null) {
            return r.value();
        }
        try {
            return keys.get().open(r.value());
        } catch (ArchiveCryptoException e) {
            throw new CliException(ExitCodes.FAILED, "cannot decrypt the record at " + r.topic() + "-" + r.partition()
                    + "@" + r.offset() + " (session " + r.value().getSessionId() + "): " + e.getMessage(), e);
        }
    }

    private <E extends Enum<E>> E symbol(Class<E> type, String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage(option + ": \"" + value + "\" is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
