package io.mmsguard.inspection.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.mmsguard.inspection.similar.Fingerprint;
import io.mmsguard.inspection.similar.SimilarTo;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.ThresholdAction;
import io.mmsguard.inspection.threshold.ThresholdResult;

/**
 * The combine step of the similar-content threshold, keyed by session id, without Kafka: it holds a message's band
 * counts until all of its bands have arrived, then makes the message's outcome: per threshold, the band with the
 * highest count (so "similar" counts the largest number of distinct messages sharing one band in the window); blocked
 * when any band's key is blocked. The explanation names the decisive band (highest count of the first threshold),
 * every band the message shares with that band's earlier message, that message's session id and the estimated
 * similarity of the two fingerprints.
 */
public final class SimilarCombine {

    /** The message's similar-content outcome. */
    public record Combined(Outcome outcome, Optional<SimilarTo> explanation) {
    }

    private SimilarCombine() {
    }

    /** @return the outcome once {@code counts} holds all {@code expected} bands, empty before */
    public static Optional<Combined> whenComplete(int expected, List<SimilarBandLogic.BandCount> counts,
                                                  Fingerprint fingerprint) {
        return counts.size() < expected ? Optional.empty() : Optional.of(combine(counts, fingerprint));
    }

    /**
     * Per threshold (by its index, so that an uncounted band with no results takes no position), the result of the
     * band with the highest count.
     */
    public static Combined combine(List<SimilarBandLogic.BandCount> counts, Fingerprint fingerprint) {
        if (counts.isEmpty()) {
            return new Combined(Outcome.NONE, Optional.empty());
        }
        Map<Integer, ThresholdResult> best = new TreeMap<>();
        Comparator<ThresholdResult> higher = Comparator.comparingLong(ThresholdResult::count)
                .thenComparing(ThresholdResult::exceeded);
        counts.forEach(c -> c.outcome().results().forEach(r -> best.merge(r.index(), r,
                (a, b) -> higher.compare(b, a) > 0 ? b : a)));
        List<ThresholdResult> results = new ArrayList<>(best.values());
        Set<ThresholdAction> actions = EnumSet.noneOf(ThresholdAction.class);
        results.forEach(r -> actions.addAll(r.actions()));
        boolean blocked = counts.stream().anyMatch(c -> c.outcome().blocked());
        OptionalLong until = counts.stream().map(c -> c.outcome().blockedUntil()).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).max();
        Outcome outcome = new Outcome(results, actions, blocked, until);
        return new Combined(outcome, explanation(counts, fingerprint));
    }

    private static Optional<SimilarTo> explanation(List<SimilarBandLogic.BandCount> counts, Fingerprint fingerprint) {
        Optional<SimilarBandLogic.BandCount> decisive = counts.stream().filter(c -> c.earlier().isPresent())
                .max(Comparator.comparingLong(c -> c.outcome().results().isEmpty() ? 0
                        : c.outcome().results().get(0).count()));
        return decisive.map(d -> {
            SimilarBandLogic.Witness earlier = d.earlier().orElseThrow();
            List<String> shared = counts.stream().filter(c -> c.earlier().isPresent()
                            && c.earlier().get().sessionId().equals(earlier.sessionId()))
                    .map(SimilarBandLogic.BandCount::band).toList();
            return new SimilarTo(shared, earlier.sessionId(), fingerprint.similarity(earlier.fingerprint()));
        });
    }
}
