package io.mmsguard.harness.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mmsguard.harness.load.AnswerKind;
import org.slf4j.LoggerFactory;

/** The chaos figures as a markdown table, one row per pass, for the log, target/ and docs/reliability.md. */
final class FiguresTable {
    static final String HEADER = """
            | pass | sessions | OK | blocked | temp. fail | unreachable | no answer / error | first OK after fault (s) \
            | first OK after restore (s) | last failure (s) | worst gap without OK (s) | slowest answer (s) \
            | failing window (s) | failures per 5 s from the fault | fault / restore took (s) |
            |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|
            """;

    private FiguresTable() {
    }

    /** @param title e.g. {@code Chaos suite}, followed by the mode's figures */
    static String markdown(String title, ChaosMode mode, List<ChaosPass.Result> results, Duration suite,
                           String loadBefore, String loadAfter, Map<String, Long> noticeRepeats) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, mode %s: %s sessions/s, fault at %d s, at least %d s of"
                        + " load per pass; %d s in all, deployment start-up included; load average %s before, %s"
                        + " after.%n%n", title, mode.name(), mode.rate(), mode.faultAt().toSeconds(),
                mode.load().toSeconds(), suite.toSeconds(), loadBefore, loadAfter));
        sb.append(HEADER);
        results.forEach(r -> sb.append(row(r)).append('\n'));
        sb.append(String.format(Locale.ROOT, "%nTimes in seconds from the fault (the restore for \"first OK after"
                + " restore\"); failures are every answer but OK and blocked. Notices re-sent (the notifier's"
                + " at-least-once delivery): %s.%n", noticeRepeats.isEmpty() ? "none" : noticeRepeats));
        return sb.toString();
    }

    static String row(ChaosPass.Result r) {
        Figures f = r.figures();
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %s | %s | %s | %.1f | %.1f | %s | %s | %.1f"
                        + " / %.1f |", r.name(), f.sessions(), n(f, AnswerKind.OK), n(f, AnswerKind.BLOCKED),
                n(f, AnswerKind.TEMPORARY_FAILURE), n(f, AnswerKind.UNREACHABLE),
                n(f, AnswerKind.NO_ANSWER) + n(f, AnswerKind.ERROR), Figures.format(f.firstOkAfterFault()),
                Figures.format(f.firstOkAfterRestore()), Figures.format(f.lastFailure()), f.worstGap(), f.slowest(), f.window(),
                f.histogramText(), r.faultTook().toMillis() / 1000.0, r.restoreTook().toMillis() / 1000.0);
    }

    private static long n(Figures f, AnswerKind kind) {
        return f.kinds().getOrDefault(kind, 0L);
    }

    /** Writes a figures table to {@code target/<fileName>} and the log, where a run's reader finds it. */
    static void write(String fileName, String table) throws IOException {
        Path file = Path.of("target", fileName);
        Files.writeString(file, table);
        LoggerFactory.getLogger(FiguresTable.class).info("figures ({}):\n{}", file.toAbsolutePath(), table);
    }

    /** The 1, 5 and 15 minute load averages: the shared machine's noise, printed beside the figures. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
