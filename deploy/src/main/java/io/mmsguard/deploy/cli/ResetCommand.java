package io.mmsguard.deploy.cli;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.StateReset;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mmsguard reset SENDER|CHECKSUM}: clear a key's threshold state through the topology. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {
            "Clear the flood state of a sender, or the duplicate state of a message checksum: its counts and its"
                + " block timer, on one interface (--interface) or on all of them. The next message of that sender"
                + " (or with that content) is counted from one and passes unless it alone exceeds a limit.",
            "",
            "Writes one record to mms.state-resets (key = the sender or the checksum; acknowledged by every in-sync"
                + " replica) with who, when and why. The inspection service applies it inside its exactly-once"
                + " topology, in the task that owns the key (a sender reset arrives co-partitioned with mms.inbound,"
                + " a checksum reset through a repartition by checksum), logs it at INFO and applies it once, across"
                + " restarts and failover. The topic is append-only: it is the audit trail of resets.",
            "",
            "An argument of 64 hex digits is taken as a checksum, anything else as a sender; --kind forces the"
                + " choice."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:the record could not be written (e.g. the topic does not exist, or no"
            + " permission)", ExitCodes.USAGE_LINE, ExitCodes.UNREACHABLE_LINE})
public final class ResetCommand extends CliCommand {
    private static final Pattern CHECKSUM = Pattern.compile("[0-9a-fA-F]{64}");

    @Parameters(paramLabel = "SENDER|CHECKSUM", description = "A normalised sender (+4917012345) or a message checksum.")
    String key;

    @Option(names = "--interface", paramLabel = "MM1|MM3|MM4|MM7",
            description = "Clear the state of this interface only (default: every interface).")
    String mmsInterface;

    @Option(names = "--kind", paramLabel = "flood|duplicate",
            description = "flood: the key is a sender; duplicate: a checksum (default: from the argument's form).")
    String kind;

    @Option(names = "--author", paramLabel = "NAME",
            description = "Who resets, for the audit trail. Default: $" + Author.ENV + ", else the OS user.")
    String author;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail (e.g. a ticket).")
    String reason;

    @Option(names = "--resets-topic", paramLabel = "TOPIC", defaultValue = Topics.STATE_RESETS,
            description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Mixin
    ConnectionOptions connection;

    @Override
    protected int execute() throws Exception {
        ThresholdKind which = kind();
        MmsInterface only = mmsInterface();
        // The duplicate store keys checksums in lower case, as ContentChecksum writes them.
        String asked = which == ThresholdKind.DUPLICATE ? key.toLowerCase(Locale.ROOT) : key;
        StateReset reset = StateReset.newBuilder().setKind(which).setKey(asked).setMmsInterface(only)
                .setAuthor(Author.resolve(Optional.ofNullable(author)).name()).setRequestedAt(Instant.now())
                .setReason(reason == null || reason.isBlank() ? null : reason.strip()).build();
        Connection c = connection.connect();
        RecordMetadata written;
        try (KafkaProducer<String, SpecificRecord> producer = c.producer()) {
            written = producer.send(new ProducerRecord<>(topic, asked, reset)).get();
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new CliException(ExitCodes.FAILED, "writing to " + topic + " failed: " + cause.getMessage(), cause);
        }
        out().printf("reset of the %s state of %s on %s written to %s (partition %d, offset %d) by %s;"
                        + " the inspection service applies it before the messages appended after it%n",
                which.name().toLowerCase(Locale.ROOT), asked, only == null ? "every interface" : only, topic,
                written.partition(), written.offset(), reset.getAuthor());
        return ExitCodes.OK;
    }

    private ThresholdKind kind() {
        if (kind == null) {
            return CHECKSUM.matcher(key).matches() ? ThresholdKind.DUPLICATE : ThresholdKind.FLOOD;
        }
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "flood" -> ThresholdKind.FLOOD;
            case "duplicate" -> ThresholdKind.DUPLICATE;
            default -> throw usage("--kind must be flood or duplicate, not " + kind);
        };
    }

    private MmsInterface mmsInterface() {
        if (mmsInterface == null) {
            return null;
        }
        return switch (mmsInterface.toUpperCase(Locale.ROOT)) {
            case "MM1" -> MmsInterface.MM1;
            case "MM3" -> MmsInterface.MM3;
            case "MM4" -> MmsInterface.MM4;
            case "MM7" -> MmsInterface.MM7;
            default -> throw usage("--interface must be MM1, MM3, MM4 or MM7, not " + mmsInterface);
        };
    }
}
