package io.mmsguard.inspection.threshold;

import java.util.OptionalLong;

/**
 * One threshold of one key as the monitors (A20) and "explain" (C3) show it, like FortiOS's Message Flood and
 * Duplicate Message lists: count in the window, whether it is flagged, and until when.
 *
 * @param index        threshold number 1-3
 * @param count        messages in the window ending at the time asked for (or at the key's stream time if later)
 * @param flagged      the window is over the limit or a block is active (FortiOS "flagged": actions apply)
 * @param blockedUntil end (exclusive) of the active lasting block, if any
 */
public record ThresholdView(int index, int windowMinutes, int limit, long count, boolean flagged,
                            OptionalLong blockedUntil) {

    public boolean blocked() {
        return blockedUntil.isPresent();
    }
}
