package io.mmsguard.inspection.threshold;

import java.util.Arrays;

/**
 * The flood (per sender) or duplicate (per checksum) state of one key for up to {@value Threshold#MAX_THRESHOLDS}
 * thresholds: immutable, so that {@link ThresholdEvaluator#evaluate} is a pure function that a backtest can replay.
 *
 * <p>{@code streamTime} is the newest event time this key has seen: windows end there, so a late event is judged
 * against the sender's current load rather than a window that has already moved on. Every ring's head is the
 * bucket of {@code streamTime}, which is why the serialised form does not store heads.
 */
public final class ThresholdState {

    public static final ThresholdState EMPTY = new ThresholdState(Long.MIN_VALUE, new Slot[Threshold.MAX_THRESHOLDS]);

    private final long streamTime;
    private final Slot[] slots;

    ThresholdState(long streamTime, Slot[] slots) {
        this.streamTime = streamTime;
        this.slots = slots;
    }

    /** Whether nothing is remembered: the store can delete the key. */
    public boolean isEmpty() {
        return Arrays.stream(slots).allMatch(s -> s == null);
    }

    /** Newest event time seen for this key; {@code Long.MIN_VALUE} when empty. */
    public long streamTime() {
        return streamTime;
    }

    /**
     * The first time at which every window has emptied and every block has ended, as of the last evaluation's
     * profile; {@code Long.MIN_VALUE} when the state is empty. A profile change only takes effect here at the
     * key's next evaluation.
     */
    public long idleAt() {
        long idle = Long.MIN_VALUE;
        for (Slot s : slots) {
            if (s == null) {
                continue;
            }
            idle = Math.max(idle, s.ring.expiresAt());
            if (s.hasBlock()) {
                idle = Math.max(idle, s.blockedUntil());
            }
        }
        return idle;
    }

    /** Whether the store may drop this key at {@code timeMillis}: no window holds a count and no block is active. */
    public boolean isIdle(long timeMillis) {
        return timeMillis >= idleAt();
    }

    Slot slot(int index) {
        return slots[index];
    }

    /** A deep copy to change; the receiver stays untouched. */
    Slot[] copySlots() {
        Slot[] copy = new Slot[slots.length];
        for (int i = 0; i < slots.length; i++) {
            copy[i] = slots[i] == null ? null : slots[i].copy();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThresholdState s && (s.streamTime == streamTime || isEmpty() && s.isEmpty())
                && Arrays.equals(s.slots, slots);
    }

    @Override
    public int hashCode() {
        return isEmpty() ? 0 : Long.hashCode(streamTime) * 31 + Arrays.hashCode(slots);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ThresholdState[streamTime=").append(streamTime);
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            if (s != null) {
                b.append(", #").append(i + 1).append(" window=").append(s.ring.windowMinutes())
                        .append(" count=").append(s.ring.total());
                if (s.hasBlock()) {
                    b.append(" blockedUntil=").append(s.blockedUntil());
                }
            }
        }
        return b.append(']').toString();
    }
}
