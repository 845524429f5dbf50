package io.mmsguard.harness.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Answers;

/**
 * What one chaos pass measured, in seconds relative to the fault: when sessions failed and when they were answered
 * OK again. A failure is every answer but OK and BLOCKED (a block is the pipeline working).
 *
 * @param sessions            sessions sent
 * @param kinds               answers by kind
 * @param firstOkAfterFault   from the fault until the first OK answer of a session sent after it
 * @param firstOkAfterRestore from the restore (the process back and ready) until the first OK answer of a session
 *                            sent after it
 * @param lastFailure         from the fault until the sending of the last failed session: the recovery
 * @param firstFailure        from the fault until the sending of the first failed session (negative: before it)
 * @param failures            failed sessions
 * @param worstGap            the longest time between two consecutive OK answers in the pass
 * @param slowest             the longest an answer took (a session that waited out a failover shows here)
 * @param histogram           failed sessions per {@link #BUCKET_SECONDS} s of sending time from the fault
 */
record Figures(int sessions, Map<AnswerKind, Long> kinds, OptionalDouble firstOkAfterFault,
               OptionalDouble firstOkAfterRestore, OptionalDouble firstFailure, OptionalDouble lastFailure,
               long failures, double worstGap, double slowest, Map<Long, Long> histogram) {

    static final int BUCKET_SECONDS = 5;
    private static final Set<AnswerKind> SUCCESS = EnumSet.of(AnswerKind.OK, AnswerKind.BLOCKED);

    static Figures of(Answers answers, Instant fault, Instant restored) {
        List<Answer> all = answers.all();
        List<Answer> failed = all.stream().filter(Figures::failed).toList();
        List<Instant> oks = all.stream().filter(a -> a.kind() == AnswerKind.OK).map(Answer::answeredAt).sorted()
                .toList();
        double gap = 0;
        for (int i = 1; i < oks.size(); i++) {
            gap = Math.max(gap, seconds(oks.get(i - 1), oks.get(i)));
        }
        return new Figures(all.size(), new TreeMap<>(answers.counts()), firstOkAfter(all, fault),
                firstOkAfter(all, restored),
                failed.stream().mapToDouble(a -> seconds(fault, a.sentAt())).min(),
                failed.stream().mapToDouble(a -> seconds(fault, a.sentAt())).max(), failed.size(), gap,
                all.stream().mapToDouble(a -> a.latency().toMillis() / 1000.0).max().orElse(0),
                failed.stream().collect(Collectors.groupingBy(
                        a -> Math.floorDiv(Duration.between(fault, a.sentAt()).toMillis(), BUCKET_SECONDS * 1000L)
                                * BUCKET_SECONDS, TreeMap::new, Collectors.counting())));
    }

    static boolean failed(Answer a) {
        return !SUCCESS.contains(a.kind());
    }

    private static OptionalDouble firstOkAfter(List<Answer> all, Instant t) {
        return all.stream().filter(a -> a.kind() == AnswerKind.OK && !a.sentAt().isBefore(t))
                .min(Comparator.comparing(Answer::answeredAt)).stream()
                .mapToDouble(a -> seconds(t, a.answeredAt())).findFirst();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** The failing window as {@code first..last} seconds from the fault, {@code -} without failures. */
    String window() {
        return firstFailure.isEmpty() ? "-" : format(firstFailure) + ".." + format(lastFailure);
    }

    /** E.g. {@code +0:12 +5:3}: failed sessions per bucket of sending time, each bucket from its start. */
    String histogramText() {
        return histogram.isEmpty() ? "-" : histogram.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%+d:%d", e.getKey(), e.getValue())).collect(Collectors.joining(" "));
    }

    static String format(OptionalDouble seconds) {
        return seconds.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", seconds.getAsDouble());
    }
}
