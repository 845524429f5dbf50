package io.mmsguard.deploy.cli;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the records of several partitions into one stream in record time, holding at most {@code perSource} records
 * of each (and what one fetch brought): a record is given out only when every source that may still send has one waiting, so that nothing
 * earlier can come after it. Each partition is in its own order (its append order); across partitions the earliest
 * waiting record goes first, ties by source order. The reader pauses a {@link #full} source and tells the merge when
 * a source has sent its last record ({@link #ended}).
 *
 * @param <S> a source (a partition)
 * @param <T> a record
 */
final class TimeOrderedMerge<S, T> {
    private record Timed<T>(long time, T item) {
    }

    private final Map<S, ArrayDeque<Timed<T>>> waiting = new LinkedHashMap<>();
    private final Set<S> ended = new HashSet<>();
    private final int perSource;

    TimeOrderedMerge(Collection<S> sources, int perSource) {
        if (perSource < 1) {
            throw new IllegalArgumentException("perSource must be at least 1");
        }
        sources.forEach(s -> waiting.put(s, new ArrayDeque<>()));
        this.perSource = perSource;
    }

    /**
     * Takes a record of {@code source}. The caller stops a {@link #full} source from sending more; what it already
     * fetched may still come, so a source holds at most {@code perSource} and one fetch.
     */
    void add(S source, long time, T item) {
        queue(source).add(new Timed<>(time, item));
    }

    /** Whether {@code source} holds as many records as it may: it must not send more until some are taken. */
    boolean full(S source) {
        return queue(source).size() >= perSource;
    }

    /** {@code source} sends nothing more. */
    void ended(S source) {
        queue(source);
        ended.add(source);
    }

    /** Whether every source has ended and every record has been taken. */
    boolean done() {
        return ended.size() == waiting.size() && waiting.values().stream().allMatch(ArrayDeque::isEmpty);
    }

    /** The earliest record, when no source still sending could send an earlier one; else empty. */
    Optional<T> next() {
        S earliest = null;
        long time = Long.MAX_VALUE;
        for (Map.Entry<S, ArrayDeque<Timed<T>>> e : waiting.entrySet()) {
            Timed<T> head = e.getValue().peek();
            if (head == null) {
                if (!ended.contains(e.getKey())) {
                    return Optional.empty();
                }
            } else if (earliest == null || head.time() < time) {
                earliest = e.getKey();
                time = head.time();
            }
        }
        return earliest == null ? Optional.empty() : Optional.of(waiting.get(earliest).poll().item());
    }

    private ArrayDeque<Timed<T>> queue(S source) {
        ArrayDeque<Timed<T>> queue = waiting.get(source);
        if (queue == null) {
            throw new IllegalArgumentException("unknown source " + source);
        }
        return queue;
    }
}
