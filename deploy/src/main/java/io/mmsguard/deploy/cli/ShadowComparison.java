package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ShadowLog;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.Verdict;

/**
 * The shadow's would-be verdicts against the live ones, per reason and threshold. A message without an
 * inspection-log record was passed live: every verdict but PASS is always logged (InspectionLogPolicy). Pure.
 */
final class ShadowComparison {
    static final int SAMPLES = 3;

    /** Which side blocked where the other did not. */
    enum Side {
        SHADOW_ONLY("shadow blocks, live passed"), LIVE_ONLY("live blocks, shadow passed");

        final String label;

        Side(String label) {
            this.label = label;
        }
    }

    /** One line: a side, a reason and (for FLOOD, DUPLICATE or SIMILAR) the threshold that blocked. */
    record Line(Side side, String reason, String threshold, long messages, List<String> senders,
                List<String> sessions) {
    }

    private record Key(Side side, String reason, String threshold) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = side.compareTo(o.side);
            c = c != 0 ? c : reason.compareTo(o.reason);
            return c != 0 ? c : threshold.compareTo(o.threshold);
        }
    }

    private final Map<Key, Line> lines = new TreeMap<>();
    private long judged;
    private long same;

    /** @param live the session's inspection-log record; empty when it has none (passed live) */
    void add(ShadowLog shadow, Optional<InspectionLog> live) {
        judged++;
        Verdict liveVerdict = live.map(InspectionLog::getVerdict).orElse(Verdict.PASS);
        boolean shadowBlocks = shadow.getVerdict() == Verdict.BLOCK;
        boolean liveBlocks = liveVerdict == Verdict.BLOCK;
        if (shadowBlocks == liveBlocks) {
            same++;
            return;
        }
        Key key = shadowBlocks
                ? new Key(Side.SHADOW_ONLY, shadow.getReason().name(), threshold(shadow.getReason(),
                        shadow.getThresholds()))
                : new Key(Side.LIVE_ONLY, live.get().getReason().name(), threshold(live.get().getReason(),
                        live.get().getThresholds()));
        Line old = lines.getOrDefault(key, new Line(key.side(), key.reason(), key.threshold(), 0, List.of(),
                List.of()));
        lines.put(key, new Line(old.side(), old.reason(), old.threshold(), old.messages() + 1,
                sample(old.senders(), shadow.getSender()), sample(old.sessions(), shadow.getSessionId())));
    }

    /** {@code FLOOD #2}: the first exceeded threshold of the blocking kind that blocks; {@code -} for other reasons. */
    private static String threshold(Reason reason, List<ThresholdCount> thresholds) {
        if (reason != Reason.FLOOD && reason != Reason.DUPLICATE && reason != Reason.SIMILAR) {
            return "-";
        }
        return thresholds.stream()
                .filter(t -> t.getKind().name().equals(reason.name()) && t.getExceeded()
                        && t.getActions().contains(ThresholdAction.BLOCK))
                .findFirst().map(t -> t.getKind() + " #" + t.getIndex() + " (" + t.getLimit() + " per "
                        + t.getWindowMinutes() + " min)").orElse("-");
    }

    private static List<String> sample(List<String> samples, String value) {
        if (samples.size() >= SAMPLES || samples.contains(value)) {
            return samples;
        }
        List<String> out = new ArrayList<>(samples);
        out.add(value);
        return List.copyOf(out);
    }

    List<Line> lines() {
        return List.copyOf(lines.values());
    }

    long judged() {
        return judged;
    }

    long same() {
        return same;
    }

    long count(Side side) {
        return lines.values().stream().filter(l -> l.side() == side).mapToLong(Line::messages).sum();
    }

    /** The table the report prints: one row per line, then the total. */
    String render() {
        StringBuilder b = new StringBuilder();
        String row = "%-27s %-10s %-22s %8s  %-44s %s";
        b.append(String.format(row, "DIFFERENCE", "REASON", "THRESHOLD", "MESSAGES", "SAMPLE SENDERS",
                "SAMPLE SESSIONS").stripTrailing()).append('\n');
        for (Line l : lines.values()) {
            b.append(String.format(row, l.side().label, l.reason(), l.threshold(), l.messages(),
                    String.join(" ", l.senders()), String.join(" ", l.sessions())).stripTrailing()).append('\n');
        }
        b.append(String.format("total: %d message(s) judged by the shadow; shadow blocks, live passed: %d; live blocks,"
                + " shadow passed: %d; same block/pass: %d%n", judged, count(Side.SHADOW_ONLY), count(Side.LIVE_ONLY),
                same));
        return b.toString();
    }
}
