package io.mmsguard.inspection.threshold;

import java.util.Objects;

/**
 * What one key remembers for one threshold position: its window counts, whether the last message it judged was
 * over the limit (the episode that {@link ThresholdAction#ARCHIVE_FIRST} fires once for), and its lasting block.
 *
 * <p>The block is stored as the time of the attempt that last restarted it plus the block time then in force, not
 * as an expiry: a profile change of the block time then applies at once, and retention can still tell when the key
 * is idle without the profile.
 */
final class Slot {

    static final long NO_BLOCK = Long.MIN_VALUE;

    BucketRing ring;
    boolean inEpisode;
    long blockRestartedAt = NO_BLOCK;
    int blockMinutes;

    Slot(BucketRing ring) {
        this.ring = ring;
    }

    Slot copy() {
        Slot s = new Slot(ring.copy());
        s.inEpisode = inEpisode;
        s.blockRestartedAt = blockRestartedAt;
        s.blockMinutes = blockMinutes;
        return s;
    }

    boolean hasBlock() {
        return blockRestartedAt != NO_BLOCK && blockMinutes > 0;
    }

    /** Exclusive: at exactly this time the key is free again. */
    long blockedUntil() {
        return blockRestartedAt + blockMinutes * 60_000L;
    }

    boolean blockedAt(long time) {
        return hasBlock() && time < blockedUntil();
    }

    void clearBlock() {
        blockRestartedAt = NO_BLOCK;
        blockMinutes = 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slot s && s.ring.equals(ring) && s.inEpisode == inEpisode
                && s.blockRestartedAt == blockRestartedAt && s.blockMinutes == blockMinutes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ring, inEpisode, blockRestartedAt, blockMinutes);
    }
}
