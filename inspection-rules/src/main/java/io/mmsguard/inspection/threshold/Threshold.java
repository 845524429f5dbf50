package io.mmsguard.inspection.threshold;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One flood or duplicate threshold (FortiOS statusN/windowN/limitN/actionN/block-timeN).
 *
 * <p>The constructor enforces the ranges that the counting relies on (a window of 0 would have no buckets), so an
 * unvalidated profile fails here loudly instead of counting nonsense; profile validation reports the same ranges
 * with field paths before anything gets this far.
 *
 * @param limit the threshold is exceeded by the message whose count in the window is {@code limit + 1}
 * @param blockTimeMinutes with {@link ThresholdAction#BLOCK}: how long the key stays blocked after the last
 *                         offending attempt; 0 blocks only the messages over the limit
 */
public record Threshold(boolean enabled, int windowMinutes, int limit, Set<ThresholdAction> actions,
                        int blockTimeMinutes) {

    public static final int MAX_THRESHOLDS = 3;
    public static final int MIN_WINDOW_MINUTES = 1;
    public static final int MAX_WINDOW_MINUTES = 2880;
    public static final int MIN_LIMIT = 1;
    public static final int MIN_BLOCK_MINUTES = 0;
    public static final int MAX_BLOCK_MINUTES = 35791;

    public Threshold {
        Objects.requireNonNull(actions, "actions");
        if (windowMinutes < MIN_WINDOW_MINUTES || windowMinutes > MAX_WINDOW_MINUTES) {
            throw new IllegalArgumentException("windowMinutes " + windowMinutes + " is outside 1-2880");
        }
        if (limit < MIN_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " must be greater than 0");
        }
        if (blockTimeMinutes < MIN_BLOCK_MINUTES || blockTimeMinutes > MAX_BLOCK_MINUTES) {
            throw new IllegalArgumentException("blockTimeMinutes " + blockTimeMinutes + " is outside 0-35791");
        }
        actions = actions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(actions));
    }

    /** An enabled threshold, for tests and backtests. */
    public static Threshold of(int windowMinutes, int limit, int blockTimeMinutes, ThresholdAction... actions) {
        return new Threshold(true, windowMinutes, limit, Set.of(actions), blockTimeMinutes);
    }

    public long windowMillis() {
        return windowMinutes * 60_000L;
    }

    public long blockMillis() {
        return blockTimeMinutes * 60_000L;
    }

    public boolean blocks() {
        return actions.contains(ThresholdAction.BLOCK);
    }
}
