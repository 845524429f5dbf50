package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.archive.ArchiveContentSealer;
import io.mmsguard.schemas.archive.ArchiveCryptoException;
import io.mmsguard.schemas.archive.ArchiveKeyring;
import io.mmsguard.schemas.archive.EnvelopeCipher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
                + " stderr. Records are printed in record time (when each was archived) across partitions: each"
                + " partition is read from --since on and the partitions are merged, holding at most a few hundred"
                + " records per partition in memory.",
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
    static final String ARCHIVE_KEYS_VARIABLE = "MMSGUARD_ARCHIVE_KEYS";
    /** Matches held per partition before it is paused: with one poll's records, the query's memory bound. */
    private static final int PER_PARTITION = 200;

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
            + " BANNED_WORDS, CHECKSUM, FLOOD, DUPLICATE, SIMILAR, MALFORMED, SCANNER_FAILURE or UNPACK (any case).")
    String reason;

    @Option(names = "--interface", paramLabel = "IF", description = "MM1, MM3, MM4 or MM7 (any case).")
    String mmsInterface;

    @Option(names = "--direction", paramLabel = "D", description = "SEND or RETRIEVE (any case).")
    String direction;

    @Option(names = "--profile", paramLabel = "P", description = "The profile that decided, exactly.")
    String profile;

    @Option(names = "--session", paramLabel = "ID", description = "The gateway's session id, exactly.")
    String session;

    @Option(names = "--message-id", paramLabel = "ID", description = "The message id (MM1 Message-ID, MM7"
            + " MessageID, MM4 X-Mms-Message-ID), exactly.")
    String messageId;

    @Option(names = "--checksum", paramLabel = "HEX", description = "The message checksum the duplicate check"
            + " counted (hex, any case).")
    String checksum;

    @Option(names = "--virus", paramLabel = "NAME", description = "A virus signature name as the antivirus gave it"
            + " (any case), in a part or an archive member: records blocked or stripped for VIRUS.")
    String virus;

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

    @Option(names = "--author", paramLabel = "NAME",
            description = "Who reads, for the audit line. Default: $" + Author.ENV + ", else the OS user.")
    String author;

    private long matched;

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
                symbol(Verdict.class, "--verdict", verdict), symbol(Reason.class, "--reason", reason),
                symbol(MmsInterface.class, "--interface", mmsInterface),
                symbol(Direction.class, "--direction", direction), profile, session, messageId, checksum, virus);
        ArchiveFormat format = output.json ? ArchiveFormat.JSON : ArchiveFormat.TABLE;
        Optional<ArchiveContentSealer> keys = keys(System.getenv(ARCHIVE_KEYS_VARIABLE));
        ArchiveReadAudit audit = new ArchiveReadAudit(Author.resolve(Optional.ofNullable(author)).name(), Instant.now(),
                topic,
                filter.describe());
        Connection c = connection.connect();
        long scanned;
        try {
            if (format.header() != null) {
                out().println(format.header());
            }
            scanned = TopicSearch.scanInTimeOrder(c, c.topic(Contracts.ARCHIVE, topic), since, null, PER_PARTITION,
                    filter::matches, r -> !print(r, keys, audit, format));
        } finally {
            audit.log();
        }
        err().printf("%d record(s) scanned, %d matched%s%s%n", scanned, matched,
                limit != null && matched >= limit ? " (--limit reached)" : "",
                audit.stillEncrypted() == 0 ? "" : "; content of " + audit.stillEncrypted()
                        + " encrypted (give the archive keys with --key-file)");
        return matched > 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Prints one record, in time order; true when --limit is reached. */
    private boolean print(ConsumerRecord<String, ArchiveRecord> record, Optional<ArchiveContentSealer> keys,
                          ArchiveReadAudit audit, ArchiveFormat format) {
        matched++;
        ArchiveRecord printed = open(keys, record);
        audit.printed(printed, printed != record.value());
        out().println(format.line(printed));
        out().flush();
        return limit != null && matched >= limit;
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
