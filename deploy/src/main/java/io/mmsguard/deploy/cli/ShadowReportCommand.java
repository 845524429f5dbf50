package io.mmsguard.deploy.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.ShadowLog;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mmsguard shadow report}: where a shadow profile would have decided otherwise than the live profile. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Reads mms.shadow-log (the shadow profiles' would-be decisions) from --since on, joins each record by"
                + " session id with the live verdict and prints, per reason and per threshold, how many messages the"
                + " shadow would have blocked that the live profile passed and the reverse, with up to 3 sample"
                + " senders and session ids per line (mmsguard explain --session ID opens one), then a total line.",
            "",
            "The live verdict comes from mms.inspection-log, read from --since minus --session-timeout: every verdict"
                + " but PASS (BLOCK, STRIP, TEMPORARY_FAILURE, PASS_UNSCANNED, EXPIRED) is always logged there, so a"
                + " session without an inspection-log record was passed live. Only BLOCK counts as blocked, on both"
                + " sides. The time is that of reading both topics since --since; at most --max-records shadow"
                + " records are held."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:more than --max-records shadow records since --since; narrow it",
            ExitCodes.USAGE_LINE, ExitCodes.UNREACHABLE_LINE})
public final class ShadowReportCommand extends CliCommand {

    @Option(names = "--listener", paramLabel = "IF", required = true,
            description = "The interface: MM1, MM3, MM4 or MM7.")
    String listener;

    @Option(names = "--since", paramLabel = "AGO|ISO", defaultValue = "24h", converter = Since.class,
            description = "Shadow records written from this time on: a time back from now (90m, 24h, 7d) or an"
                    + " ISO-8601 time (default: ${DEFAULT-VALUE}).")
    Instant since;

    @Option(names = "--profile", paramLabel = "LIVE",
            description = "Only messages of this live profile (default: every live profile that names a shadow).")
    String profile;

    @Option(names = "--session-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = WriteOptions.DurationConverter.class,
            description = "The gateways' gateway.decision-timeout: how much earlier than --since a live record of a"
                    + " shadow record's session may have been written. Default: ${DEFAULT-VALUE}.")
    Duration sessionTimeout;

    @Option(names = "--max-records", paramLabel = "N", defaultValue = "1000000",
            description = "The most shadow records held in memory. Default: ${DEFAULT-VALUE}.")
    int maxRecords;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--shadow-log-topic", paramLabel = "TOPIC", defaultValue = Topics.SHADOW_LOG,
            description = "Default: ${DEFAULT-VALUE}.")
    String shadowTopic;

    @Option(names = "--inspection-log-topic", paramLabel = "TOPIC", defaultValue = Topics.INSPECTION_LOG,
            description = "Default: ${DEFAULT-VALUE}.")
    String logTopic;

    @Override
    protected int execute() {
        MmsInterface mmsInterface = parseInterface(listener);
        if (maxRecords < 1) {
            throw usage("--max-records must be at least 1");
        }
        Connection c = connection.connect();
        int[] held = {0};
        TopicSearch.Result<ShadowLog> shadow = TopicSearch.find(c, c.topic(Contracts.SHADOW_LOG, shadowTopic), since,
                s -> {
                    boolean ours = s.getMmsInterface() == mmsInterface
                            && (profile == null || profile.equals(s.getLiveProfile()));
                    if (ours && ++held[0] > maxRecords) {
                        throw new CliException(ExitCodes.FAILED, "more than " + maxRecords + " shadow records on "
                                + mmsInterface + " since " + since + "; give a later --since or a higher --max-records");
                    }
                    return ours;
                }, false);
        Set<String> sessions = new HashSet<>();
        shadow.found().forEach(s -> sessions.add(s.getSessionId()));
        Instant liveFrom = since.minus(sessionTimeout);
        TopicSearch.Result<InspectionLog> live = TopicSearch.find(c, c.topic(Contracts.INSPECTION_LOG, logTopic),
                liveFrom, l -> sessions.contains(l.getSessionId()), false);
        Map<String, InspectionLog> bySession = new HashMap<>();
        live.found().forEach(l -> bySession.put(l.getSessionId(), l));
        ShadowComparison comparison = new ShadowComparison();
        shadow.found().forEach(s -> comparison.add(s, Optional.ofNullable(bySession.get(s.getSessionId()))));
        err().printf("%d shadow record(s) read since %s, %d inspection-log record(s) since %s%n", shadow.scanned(),
                since, live.scanned(), liveFrom);
        out().printf("shadow report on %s%s since %s (a session without an inspection-log record was passed live)%n",
                mmsInterface, profile == null ? "" : ", live profile " + profile, since);
        out().print(comparison.render());
        return ExitCodes.OK;
    }

    private MmsInterface parseInterface(String value) {
        for (MmsInterface i : new MmsInterface[] {MmsInterface.MM1, MmsInterface.MM3, MmsInterface.MM4,
            MmsInterface.MM7}) {
            if (i.name().equalsIgnoreCase(value)) {
                return i;
            }
        }
        throw usage("--listener must be MM1, MM3, MM4 or MM7, not " + value);
    }
}
