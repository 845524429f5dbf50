package io.mmsguard.inspection.threshold;

import java.util.OptionalLong;
import java.util.Set;

/**
 * One enabled threshold as judged for one message; maps one to one onto the Avro {@code ThresholdCount}.
 *
 * @param index        threshold number 1-3 (list position + 1)
 * @param count        messages in the window ending at the key's stream time, this one included
 * @param exceeded     {@code count > limit}, or the key is still blocked by this threshold
 * @param actions      the actions this message gets from this threshold; empty when not exceeded
 * @param blockedUntil end (exclusive) of this threshold's lasting block on the key, if one is active
 */
public record ThresholdResult(int index, int windowMinutes, int limit, long count, boolean exceeded,
                              Set<ThresholdAction> actions, OptionalLong blockedUntil) {

    public ThresholdResult {
        actions = Set.copyOf(actions);
    }
}
