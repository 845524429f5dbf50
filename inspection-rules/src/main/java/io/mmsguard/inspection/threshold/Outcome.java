package io.mmsguard.inspection.threshold;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the thresholds decided for one message.
 *
 * @param results      every enabled threshold, in order, with its count (the inspection log wants them all)
 * @param actions      union of the actions of the exceeded thresholds
 * @param blocked      whether an exceeded threshold has {@link ThresholdAction#BLOCK}
 * @param blockedUntil the latest end of a lasting block on the key, if any
 */
public record Outcome(List<ThresholdResult> results, Set<ThresholdAction> actions, boolean blocked,
                      OptionalLong blockedUntil) {

    public static final Outcome NONE = new Outcome(List.of(), Set.of(), false, OptionalLong.empty());

    public Outcome {
        results = List.copyOf(results);
        actions = actions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(actions));
    }

    /** The thresholds this message exceeded. */
    public List<ThresholdResult> hits() {
        return results.stream().filter(ThresholdResult::exceeded).toList();
    }

    public boolean has(ThresholdAction action) {
        return actions.contains(action);
    }
}
