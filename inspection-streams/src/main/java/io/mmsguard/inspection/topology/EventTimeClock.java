package io.mmsguard.inspection.topology;

import java.util.OptionalLong;

/**
 * When a threshold store's idle-key sweep runs. Idleness is a matter of event time (the envelopes' receivedAt), so
 * the sweep runs at the newest event time the task has seen, or the wall clock if that is earlier. Sweeping at the
 * wall clock alone would delete the state of the very keys being counted whenever processing lags its input by more
 * than a window (after an outage, or with gateway clocks behind), resetting a flooder's count every sweep.
 */
final class EventTimeClock {
    private long newest = Long.MIN_VALUE;

    void observe(long eventTimeMillis) {
        newest = Math.max(newest, eventTimeMillis);
    }

    /** Empty before any event: nothing is idle yet. */
    OptionalLong sweepTime(long wallClockMillis) {
        return newest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(Math.min(wallClockMillis, newest));
    }
}
