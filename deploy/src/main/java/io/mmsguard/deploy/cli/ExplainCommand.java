package io.mmsguard.deploy.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mmsguard explain SENDER|CHECKSUM}: why a sender or a content is (or is not) being throttled right now;
 * {@code mmsguard explain --session ID | --message-id ID}: why one message got the answer it got.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {
            "explain SENDER|CHECKSUM asks the inspection service how the flood thresholds see a sender, or the"
                + " duplicate thresholds a message checksum. Without --profile it shows every profile in force that"
                + " has enabled thresholds of that kind, on every interface (or the one --interface names): the counts"
                + " are kept per interface, and every profile a listener of that interface uses judges the same"
                + " count. Per threshold: the count in its window, whether it is flagged, a lasting block and its end,"
                + " and what it does to the next message (PASS, EXCEEDED, BLOCK). \"blocked now: yes\" means the next"
                + " message from this sender (or with this checksum) would be blocked, as the topology's own"
                + " evaluation decides it: with block time 0 that is while the window holds the limit or more."
                + " An argument of 64 hex digits is taken as a checksum (the checksum field of an archive record),"
                + " anything else as a sender; --flood or --duplicate forces the choice.",
            "",
            "explain --session ID or --message-id ID (MM1 Message-ID, MM7 MessageID, MM4 X-Mms-Message-ID) reads"
                + " mms.inspection-log and mms.archive and prints what the message was: every scanner's finding"
                + " (virus signature names, banned-word scores, endpoint-list matches), each flood, duplicate and"
                + " similar threshold's count and limit at decision time, for a message counted as similar content"
                + " the earlier session it shares fingerprint bands with (which --session opens) and the estimated"
                + " similarity, the verdict and reason, the answer the client got, and its archive records (their content only through archive query, which audits it). Messages"
                + " that pass are in the inspection log only when the profile's logging switches say so.",
            "",
            "How long it takes: both topics are read from the first record at or after --since (default 24h ago;"
                + " Kafka's offsetsForTimes) across every partition up to their end when the search starts; a"
                + " --session search stops at its first match in the inspection log and reads the archive only from"
                + " that message's receive time, a --message-id search reads both to the end. The time is"
                + " proportional to the records written since --since: a busy day can be millions of records and"
                + " minutes of reading, so narrow --since when you know when the message was sent."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:success (for --session/--message-id: a record was found)",
            "1:the inspection service answered with an error (e.g. not ready, or 401: the token is missing or wrong);"
                + " for --session/--message-id: no record since --since",
            "2:usage error, or --profile names a profile that is not in force (the message lists those that are)",
            "3:the inspection service, Kafka or the schema registry could not be reached within 10s"})
public final class ExplainCommand extends CliCommand {
    private static final Pattern CHECKSUM = Pattern.compile("[0-9a-fA-F]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "SENDER|CHECKSUM", arity = "0..1",
            description = "A normalised sender (+4917012345) or a message checksum.")
    String key;

    @Option(names = "--interface", paramLabel = "IF",
            description = "MM1, MM3, MM4 or MM7 (default: every interface).")
    String mmsInterface;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Only this profile's thresholds (default: every profile in force that has some).")
    String profile;

    @Mixin
    InspectionOptions inspection;

    @Option(names = "--json", description = "SENDER|CHECKSUM: print the service's JSON answer as it came;"
            + " --session/--message-id: each inspection-log record found as one JSON object per line.")
    boolean json;

    @ArgGroup(exclusive = true)
    Kind kind = new Kind();

    static final class Kind {
        @Option(names = "--flood", description = "Treat the argument as a sender (flood thresholds).")
        boolean flood;

        @Option(names = "--duplicate", description = "Treat the argument as a checksum (duplicate thresholds).")
        boolean duplicate;
    }

    @Option(names = "--session", paramLabel = "ID", description = "Explain the message of this session id.")
    String session;

    @Option(names = "--message-id", paramLabel = "ID",
            description = "Explain the messages with this message id (MM1 Message-ID, MM7 MessageID, MM4"
                    + " X-Mms-Message-ID).")
    String messageId;

    @Option(names = "--since", paramLabel = "AGO|ISO", defaultValue = "24h", converter = Since.class,
            description = "--session/--message-id: search records written from this time on: a time back from now"
                    + " (90m, 24h, 7d) or an ISO-8601 time (default: ${DEFAULT-VALUE}).")
    Instant since;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--inspection-log-topic", paramLabel = "TOPIC", defaultValue = Topics.INSPECTION_LOG,
            description = "Default: ${DEFAULT-VALUE}.")
    String logTopic;

    @Option(names = "--archive-topic", paramLabel = "TOPIC", defaultValue = Topics.ARCHIVE,
            description = "Default: ${DEFAULT-VALUE}.")
    String archiveTopic;

    @Override
    protected int execute() {
        int asked = (key != null ? 1 : 0) + (session != null ? 1 : 0) + (messageId != null ? 1 : 0);
        if (asked != 1) {
            throw usage("give exactly one of SENDER|CHECKSUM, --session ID or --message-id ID");
        }
        return key != null ? state() : decision();
    }

    private int state() {
        StateClient.Kind which = kind.flood ? StateClient.Kind.FLOOD
                : kind.duplicate || CHECKSUM.matcher(key).matches() ? StateClient.Kind.DUPLICATE : StateClient.Kind.FLOOD;
        // The duplicate store keys checksums in lower case, as ContentChecksum writes them.
        String asked = which == StateClient.Kind.DUPLICATE ? key.toLowerCase(Locale.ROOT) : key;
        StateClient.Answer answer = inspection.client().query(which, mmsInterface, asked, profile);
        out().print(json ? answer.body() : StateTable.render(answer.json()));
        return ExitCodes.OK;
    }

    private int decision() {
        String what = session != null ? "session " + session : "message id " + messageId;
        Connection c = connection.connect();
        Predicate<InspectionLog> logged = session != null ? l -> session.equals(l.getSessionId())
                : l -> messageId.equals(l.getMessageId());
        TopicSearch.Result<InspectionLog> logs = TopicSearch.find(c, c.topic(Contracts.INSPECTION_LOG, logTopic),
                since, logged, session != null);
        Predicate<ArchiveRecord> archivedAs = session != null ? r -> session.equals(r.getSessionId())
                : r -> messageId.equals(r.getMessageId());
        // An archive record is written after its message was received: no need to read the archive before that.
        Instant archivedFrom = logs.found().stream().map(InspectionLog::getReceivedAt).min(Instant::compareTo)
                .orElse(since);
        TopicSearch.Result<ArchiveRecord> archive = TopicSearch.find(c, c.topic(Contracts.ARCHIVE, archiveTopic),
                archivedFrom, archivedAs, false);
        err().printf("%s: %d inspection-log record(s) read since %s, %d archive record(s) read since %s%n", what,
                logs.scanned(), since, archive.scanned(), archivedFrom);
        if (logs.found().isEmpty() && archive.found().isEmpty()) {
            throw new CliException(ExitCodes.FAILED, "no inspection-log or archive record of " + what + " since "
                    + since + " (a message that passed is logged only when its profile's logging says so;"
                    + " an earlier --since reads further back)");
        }
        if (json) {
            logs.found().forEach(l -> out().println(json(l)));
        } else if (logs.found().isEmpty()) {
            out().print(DecisionReport.renderArchivedOnly(what, archive.found()));
        } else {
            List<String> reports = new ArrayList<>();
            for (InspectionLog l : logs.found()) {
                reports.add(DecisionReport.render(l, archive.found().stream()
                        .filter(r -> r.getSessionId().equals(l.getSessionId())).toList()));
            }
            out().print(String.join("\n", reports));
        }
        return ExitCodes.OK;
    }

    private static String json(InspectionLog l) {
        try {
            return JSON.writeValueAsString(AvroYaml.toTree(l, l.getSchema(), false));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an inspection-log tree is plain maps, lists and scalars", e);
        }
    }
}
