package io.mmsguard.deploy.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mmsguard.inspection.backtest.Recorded;
import io.mmsguard.inspection.backtest.VerdictDiff;
import io.mmsguard.inspection.backtest.Verdicts;
import io.mmsguard.inspection.backtest.Verification;

/** A backtest's results as an operator reads them: fixed-width tables, one row per change, key or difference. */
final class BacktestTable {
    private static final String CHANGE = "%-26s %-26s %s";
    private static final String KEY = "%%-%ds %%-8s %%-24s %%s";
    private static final String DIFF = "%-38s %-16s %-24s %-26s %-34s %s";

    private BacktestTable() {
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    static String diff(VerdictDiff d, int rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%nverdict changes (baseline -> candidate): %d of %d message(s)%n", d.changed(),
                d.compared()));
        if (!d.changes().isEmpty()) {
            b.append(row(CHANGE, "BASELINE", "CANDIDATE", "MESSAGES"));
            d.changes().forEach(c -> b.append(row(CHANGE, c.from(), c.to(), c.count())));
        }
        keys(b, "senders that would have been blocked", "SENDER", d.sendersBlocked(), rows);
        keys(b, "senders that would have been released", "SENDER", d.sendersReleased(), rows);
        keys(b, "checksums that would have been blocked", "CHECKSUM", d.checksumsBlocked(), rows);
        keys(b, "checksums that would have been released", "CHECKSUM", d.checksumsReleased(), rows);
        return b.toString();
    }

    private static void keys(StringBuilder b, String title, String column, List<VerdictDiff.KeyChange> keys,
                             int rows) {
        b.append(String.format("%n%s: %s%n", title, keys.isEmpty() ? "none" : keys.size()));
        if (keys.isEmpty()) {
            return;
        }
        int width = Math.max(column.length(), keys.stream().mapToInt(k -> k.key().length()).max().orElse(0));
        String format = String.format(KEY, width);
        b.append(row(format, column, "MESSAGES", "FIRST", "LAST"));
        keys.stream().limit(rows).forEach(k -> b.append(row(format, k.key(), k.messages(), k.first(), k.last())));
        more(b, keys.size(), rows);
    }

    static String verification(Verification v, Recorded.Read recorded, String logTopic, String decisionsTopic,
                               int rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("recorded: %d %s record(s), %d %s record(s) read%n", recorded.logRecords(), logTopic,
                recorded.decisions(), decisionsTopic));
        b.append(String.format("replayed %d: %d match, %d with nothing recorded to compare (a pass not logged, its"
                + " decision past retention), %d differ%n", v.replayed(), v.matches(), v.unverifiable(),
                v.differences().size()));
        Map<Verification.Cause, Long> causes = v.byCause();
        for (Verification.Cause c : Verification.Cause.values()) {
            b.append(String.format("  %-32s %d%n", c.label(), causes.getOrDefault(c, 0L)));
        }
        if (!v.differences().isEmpty()) {
            b.append('\n').append(row(DIFF, "SESSION", "SENDER", "RECEIVED", "REPLAYED", "RECORDED", "CAUSE"));
            v.differences().stream().limit(rows).forEach(d -> b.append(row(DIFF,
                    d.replayed().record().envelope().getSessionId(), d.replayed().record().envelope().getSender(),
                    d.replayed().record().envelope().getReceivedAt(), Verdicts.of(d.replayed()),
                    d.recorded() == null ? "-" : d.recorded().verdict() + " v" + d.recorded().profileVersion(),
                    d.cause().label() + (d.why().isEmpty() ? "" : ": " + d.why()))));
            more(b, v.differences().size(), rows);
        }
        b.append(String.format("%nunexplained differences: %d%n", v.unexplained()));
        return b.toString();
    }

    private static void more(StringBuilder b, int size, int rows) {
        if (size > rows) {
            b.append(String.format("... %d more (--rows)%n", size - rows));
        }
    }

    private static String row(String format, Object... cells) {
        return String.format(format, cells).stripTrailing() + "\n";
    }
}
