package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.backtest.InboundRecord;
import io.mmsguard.inspection.backtest.Recorded;
import io.mmsguard.inspection.backtest.ReplayEngine;
import io.mmsguard.inspection.backtest.ReplayOptions;
import io.mmsguard.inspection.backtest.Replayed;
import io.mmsguard.inspection.backtest.RuleTimeline;
import io.mmsguard.inspection.backtest.VerdictDiff;
import io.mmsguard.inspection.backtest.Verification;
import io.mmsguard.inspection.scan.VirusScanner;
import io.mmsguard.inspection.service.VirusScanners;
import io.mmsguard.schemas.Topics;
import io.mmsguard.service.YamlProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mmsguard backtest}: what a candidate profile would have decided over recorded traffic, or ({@code --verify})
 * whether a replay with the versions in force reproduces what the live topology decided.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {
            "Replay the envelopes recorded on mms.inbound (or archived FULL on mms.archive) between --since and"
                + " --until, in their append order, through the inspection topology's own stage logic in this"
                + " process: profiles and endpoint lists, content scanners, flood thresholds per sender (event time:"
                + " the gateway's receivedAt, as live), the routing rule, duplicate thresholds per checksum and the"
                + " decision. Nothing live is touched: plain consumers read from timestamps, the threshold states"
                + " start empty and live in memory.",
            "",
            "--candidate FILE (the config apply format) replays twice: the baseline (--baseline live: the versions in"
                + " force at each moment, from mms.config-audit, and the operators' resets; or --baseline FILE) and"
                + " the baseline with the file's profiles and lists in force throughout. It prints the verdict"
                + " changes by reason (baseline -> candidate) and the senders and checksums that would have been"
                + " blocked or released, with their first and last time.",
            "",
            "--verify replays with the versions in force and compares every message with what was recorded"
                + " (mms.inspection-log; mms.decisions while retained): matches, and every difference with its"
                + " cause (expired session, profile switch race, stage-2 order, similar band order, counts from"
                + " before the start, outside retention, follows an earlier difference). A difference without a"
                + " cause exits 1.",
            "",
            "Sessions: the replay treats none as expired (that depended on the live instance's wall clock);"
                + " --verify names the live EXPIRED records. Memory: about 2 kB per message of the period from"
                + " mms.inbound (the content is dropped once stage 1 has seen it), the whole message from"
                + " mms.archive (--max-messages)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE,
            "1:--verify found an unexplained difference; or the candidate file has problems; or --from mms.archive"
                + " holds records not archived FULL; or more than --max-messages messages",
            ExitCodes.USAGE_LINE, ExitCodes.UNREACHABLE_LINE})
public final class BacktestCommand extends CliCommand {
    static final String LIVE = "live";

    @Option(names = "--candidate", paramLabel = "FILE",
            description = "Profiles and endpoint lists to try (the format config get prints and config apply reads).")
    Path candidate;

    @Option(names = "--baseline", paramLabel = "live|FILE", defaultValue = LIVE,
            description = "What the candidate is compared with: live (the versions in force at each moment) or a"
                    + " file (default: ${DEFAULT-VALUE}).")
    String baseline;

    @Option(names = "--verify", description = "Replay with the versions in force and compare with the recorded"
            + " decisions.")
    boolean verify;

    @Option(names = "--from", paramLabel = Topics.INBOUND + "|" + Topics.ARCHIVE, defaultValue = Topics.INBOUND,
            description = Topics.INBOUND + " (its retention bounds how far back) or " + Topics.ARCHIVE
                    + " (only messages archived FULL, content in the clear). Default: ${DEFAULT-VALUE}.")
    String from;

    @Option(names = "--inbound-topic", paramLabel = "TOPIC", defaultValue = Topics.INBOUND,
            description = "Default: ${DEFAULT-VALUE}.")
    String inboundTopic;

    @Option(names = "--archive-topic", paramLabel = "TOPIC", defaultValue = Topics.ARCHIVE,
            description = "Default: ${DEFAULT-VALUE}.")
    String archiveTopic;

    @Option(names = "--since", paramLabel = "AGO|ISO", required = true, converter = Since.class,
            description = "Replay messages appended from this time: a time back from now (90m, 24h, 7d) or an"
                    + " ISO-8601 time.")
    Instant since;

    @Option(names = "--until", paramLabel = "AGO|ISO", converter = Since.class,
            description = "... up to this time, exclusive (default: now).")
    Instant until;

    @Option(names = "--threads", paramLabel = "N", description = "Replay threads per stage (default: the cores).")
    Integer threads;

    @Option(names = "--scanners", paramLabel = "on|off", defaultValue = "on",
            description = "off: content is not scanned (a threshold what-if, faster); --verify needs on."
                    + " Default: ${DEFAULT-VALUE}.")
    String scanners;

    @Option(names = "--signatures", paramLabel = "DIR",
            description = "ClamAV signature files for the antivirus scanner (the inspection service's"
                    + " antivirus.signatures; default: the bundled test database, as the service without one).")
    Path signatures;

    @Option(names = "--max-messages", paramLabel = "N", defaultValue = "2000000",
            description = "Refuse a period with more messages (what the report needs of each is held in memory)."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxMessages;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "20",
            description = "Rows per list of senders, checksums or differences. Default: ${DEFAULT-VALUE}.")
    int rows;

    @Mixin
    ConfigSource source;

    @Option(names = "--resets-topic", paramLabel = "TOPIC", defaultValue = Topics.STATE_RESETS,
            description = "Default: ${DEFAULT-VALUE}.")
    String resetsTopic;

    @Option(names = "--inspection-log-topic", paramLabel = "TOPIC", defaultValue = Topics.INSPECTION_LOG,
            description = "Where the duplicate stage's recorded order (and, for --verify, the recorded decisions)"
                    + " are read. Default: ${DEFAULT-VALUE}.")
    String logTopic;

    @Option(names = "--decisions-topic", paramLabel = "TOPIC", defaultValue = Topics.DECISIONS,
            description = "Default: ${DEFAULT-VALUE}.")
    String decisionsTopic;

    @Override
    protected int execute() throws IOException {
        if (verify == (candidate != null)) {
            throw usage("give exactly one of --candidate FILE or --verify");
        }
        if (verify && !LIVE.equals(baseline)) {
            throw usage("--verify replays the versions that were in force; it takes no --baseline FILE");
        }
        boolean scan = switch (scanners.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw usage("--scanners must be on or off, not " + scanners);
        };
        if (verify && !scan) {
            throw usage("--verify reproduces content verdicts too: it needs --scanners on");
        }
        int n = threads != null ? threads : Math.min(Runtime.getRuntime().availableProcessors(),
                ReplayOptions.MAX_THREADS);
        if (n < 1 || n > ReplayOptions.MAX_THREADS) {
            throw usage("--threads must be 1-" + ReplayOptions.MAX_THREADS + ", not " + n);
        }
        if (maxMessages < 1 || rows < 0) {
            throw usage("--max-messages must be at least 1 and --rows at least 0");
        }
        boolean archive = from.equals(Topics.ARCHIVE);
        if (!archive && !from.equals(Topics.INBOUND)) {
            throw usage("--from must be " + Topics.INBOUND + " or " + Topics.ARCHIVE + " (--inbound-topic and"
                    + " --archive-topic name another pipeline's), not " + from);
        }
        String read = archive ? archiveTopic : inboundTopic;
        Instant end = until != null ? until : Instant.now();
        Optional<Files> candidateFiles = candidate == null ? Optional.empty() : Optional.of(read(candidate));
        Optional<Files> baselineFiles = LIVE.equals(baseline) ? Optional.empty()
                : Optional.of(read(Path.of(baseline)));

        Connection c = source.connect();
        BacktestSources sources = new BacktestSources(c, maxMessages);
        RuleTimeline live = sources.live(source.audit, resetsTopic, since, end);
        RuleTimeline base = baselineFiles.map(f -> live.overriding(f.profiles(), f.lists())).orElse(live);
        // The duplicate stage's order as recorded (InspectionLog stage2Offset), so copies are counted as they were.
        Recorded.Read recorded = sources.recorded(logTopic, decisionsTopic, since, end);
        ReplayOptions options = new ReplayOptions(n, scan, antivirus(), recorded.stage2Order());
        List<ReplayEngine> engines = new ArrayList<>(List.of(new ReplayEngine(base, options)));
        candidateFiles.ifPresent(f -> engines.add(new ReplayEngine(base.overriding(f.profiles(), f.lists()),
                options)));

        long started = System.nanoTime();
        List<List<Replayed>> replays = replay(sources, engines, archive ? archiveTopic : inboundTopic, archive, end);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<Replayed> baseReplay = replays.get(0);
        String what = String.format("%s from %s to %s: %d message(s), %d thread(s), scanners %s",
                archive ? archiveTopic : inboundTopic, since, end, baseReplay.size(), n, scan ? "on" : "off");
        if (verify) {
            Instant firstInbound = baseReplay.stream().map(r -> Instant.ofEpochMilli(r.record().timestamp()))
                    .min(Instant::compareTo).orElse(since);
            Instant warmUp = startsAtTopicStart(sources, archive) ? null : since.plus(live.longestReach());
            Verification v = Verification.of(baseReplay, recorded.bySession(), sources.retainedFrom(logTopic), warmUp);
            out().printf("verify of %s (read and replayed in %s)%n", what, BacktestTable.seconds(took));
            out().printf("first message appended %s; versions in force from %s%n", firstInbound, source.audit);
            out().print(BacktestTable.verification(v, recorded, logTopic, decisionsTopic, rows));
            return v.unexplained() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
        out().printf("backtest of %s (read and replayed twice in %s)%n", what, BacktestTable.seconds(took));
        out().printf("baseline: %s%ncandidate: %s (%s)%n", baselineFiles.isEmpty()
                ? "live (the versions in force at each moment, from " + source.audit + ")" : baseline,
                candidate, candidateFiles.get().describe());
        out().print(BacktestTable.diff(VerdictDiff.of(baseReplay, replays.get(1)), rows));
        return ExitCodes.OK;
    }

    /** Every engine fed from one read of the topic; mms.inbound streams, mms.archive is sorted by receipt first. */
    private List<List<Replayed>> replay(BacktestSources sources, List<ReplayEngine> engines, String topic,
                                        boolean archive, Instant end) {
        List<ReplayEngine.Run> runs = engines.stream().map(ReplayEngine::start).toList();
        try {
            java.util.function.Consumer<InboundRecord> feed = r -> runs.forEach(run -> run.accept(r));
            if (archive) {
                List<InboundRecord> records = new ArrayList<>(sources.archive(topic, since, end));
                records.sort(InboundRecord.ORDER);
                records.forEach(feed);
            } else {
                sources.inbound(topic, since, end, feed);
            }
            return runs.stream().map(ReplayEngine.Run::finish).toList();
        } finally {
            runs.forEach(ReplayEngine.Run::close);
        }
    }

    /** Whether nothing older than --since is left on the topic, so the replay's counts start where live ones did. */
    private boolean startsAtTopicStart(BacktestSources sources, boolean archive) {
        if (archive) {
            return false;
        }
        Instant first = sources.oldest(inboundTopic);
        return first != null && !since.isAfter(first);
    }

    private VirusScanner antivirus() throws IOException {
        return VirusScanners.builtIn(Optional.ofNullable(signatures), 64L * 1024 * 1024);
    }

    /** A candidate or baseline file's records, validated as config apply validates them (lists not checked). */
    private Files read(Path file) {
        ConfigDocument doc = ConfigFile.read(file);
        List<YamlProblem> problems = doc.problems().isEmpty()
                ? ConfigValidator.validate(doc, Optional.empty()) : doc.problems();
        if (!problems.isEmpty()) {
            ConfigFile.report(file, problems, err());
            throw new CliException(ExitCodes.FAILED, problems.size() + " problem(s) in " + file);
        }
        return new Files(doc.profiles().stream().map(ConfigDocument.Entry::value).toList(),
                doc.endpointLists().stream().map(ConfigDocument.Entry::value).toList());
    }

    private record Files(List<MmsProfile> profiles, List<EndpointList> lists) {
        String describe() {
            return "profile(s) " + (profiles.isEmpty() ? "-" : String.join(", ", profiles.stream()
                    .map(MmsProfile::getName).toList())) + (lists.isEmpty() ? "" : "; endpoint list(s) "
                    + String.join(", ", lists.stream().map(EndpointList::getName).toList()));
        }
    }
}
