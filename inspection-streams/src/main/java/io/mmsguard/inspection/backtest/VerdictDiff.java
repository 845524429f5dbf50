package io.mmsguard.inspection.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a candidate would have decided differently from a baseline, over the same replayed records: the verdict
 * changes by reason (baseline -> candidate), and the senders and (for duplicate verdicts) checksums that would have
 * been blocked or released, each with how many messages and the first and last time (the envelopes' receivedAt).
 */
public record VerdictDiff(long compared, List<Change> changes, List<KeyChange> sendersBlocked,
                          List<KeyChange> sendersReleased, List<KeyChange> checksumsBlocked,
                          List<KeyChange> checksumsReleased) {

    /** {@code count} messages that the baseline decided {@code from} and the candidate {@code to}. */
    public record Change(String from, String to, long count) {
    }

    /** A sender or checksum with {@code messages} messages whose blocking changed, from {@code first} to {@code last}. */
    public record KeyChange(String key, long messages, Instant first, Instant last) {
    }

    public long changed() {
        return changes.stream().mapToLong(Change::count).sum();
    }

    /** @param baseline and {@code candidate}: replays of the same records, in the same (replay) order */
    public static VerdictDiff of(List<Replayed> baseline, List<Replayed> candidate) {
        if (baseline.size() != candidate.size()) {
            throw new IllegalArgumentException("replays of different records: " + baseline.size() + " and "
                    + candidate.size());
        }
        Map<List<String>, Long> changes = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        Keys sendersBlocked = new Keys();
        Keys sendersReleased = new Keys();
        Keys checksumsBlocked = new Keys();
        Keys checksumsReleased = new Keys();
        for (int i = 0; i < baseline.size(); i++) {
            Replayed b = baseline.get(i);
            Replayed c = candidate.get(i);
            String from = Verdicts.of(b);
            String to = Verdicts.of(c);
            if (from.equals(to)) {
                continue;
            }
            changes.merge(List.of(from, to), 1L, Long::sum);
            boolean nowBlocked = !Verdicts.blocked(b) && Verdicts.blocked(c);
            boolean released = Verdicts.blocked(b) && !Verdicts.blocked(c);
            if (nowBlocked || released) {
                Instant at = c.record().envelope().getReceivedAt();
                (nowBlocked ? sendersBlocked : sendersReleased).add(c.record().envelope().getSender(), at);
                String checksum = c.checksum() != null ? c.checksum() : b.checksum();
                // A checksum is news only when the duplicate check is what changed, not a flooder's distinct content.
                if (checksum != null && (from.endsWith(" DUPLICATE") || to.endsWith(" DUPLICATE"))) {
                    (nowBlocked ? checksumsBlocked : checksumsReleased).add(checksum, at);
                }
            }
        }
        List<Change> list = new ArrayList<>();
        changes.forEach((k, n) -> list.add(new Change(k.get(0), k.get(1), n)));
        list.sort(Comparator.comparingLong(Change::count).reversed());
        return new VerdictDiff(baseline.size(), List.copyOf(list), sendersBlocked.list(), sendersReleased.list(),
                checksumsBlocked.list(), checksumsReleased.list());
    }

    /** Per key: messages, first and last time; listed most messages first, then by key. */
    private static final class Keys {
        private final Map<String, long[]> seen = new LinkedHashMap<>();

        void add(String key, Instant at) {
            long t = at == null ? 0 : at.toEpochMilli();
            long[] v = seen.computeIfAbsent(key, k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
            v[0]++;
            v[1] = Math.min(v[1], t);
            v[2] = Math.max(v[2], t);
        }

        List<KeyChange> list() {
            Function<Map.Entry<String, long[]>, KeyChange> row = e -> new KeyChange(e.getKey(), e.getValue()[0],
                    Instant.ofEpochMilli(e.getValue()[1]), Instant.ofEpochMilli(e.getValue()[2]));
            return seen.entrySet().stream().map(row)
                    .sorted(Comparator.comparingLong(KeyChange::messages).reversed().thenComparing(KeyChange::key))
                    .toList();
        }
    }
}
