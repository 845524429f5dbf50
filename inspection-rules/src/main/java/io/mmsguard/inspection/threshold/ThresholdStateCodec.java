package io.mmsguard.inspection.threshold;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Compact binary form of a {@link ThresholdState} for the RocksDB store and its changelog.
 *
 * <pre>
 * byte    version (1)
 * byte    presence: bit i set = threshold position i (0-2) has state
 * -- only when presence != 0:
 * zigzag  streamTime (epoch millis)
 * -- per present position, in order:
 * varint  windowMinutes the counts were bucketed for (heads are bucket(streamTime), not stored)
 * byte    flags: bit 0 = in episode (ARCHIVE_FIRST already fired), bit 1 = lasting block
 * zigzag  streamTime - blockRestartedAt   (only with bit 1)
 * varint  blockMinutes                    (only with bit 1)
 * varint  n = buckets stored, newest first; older empty buckets are dropped (0-60)
 * varint  n bucket counts
 * </pre>
 *
 * An idle sender with one message costs about 8 bytes; the worst case is {@link #MAX_SIZE}.
 */
public final class ThresholdStateCodec {

    public static final byte VERSION = 1;

    /** Every field at its widest: counts are ints (5 bytes), times longs (10 bytes). */
    public static final int MAX_SIZE = 1 + 1 + Varints.MAX_LONG_BYTES
            + Threshold.MAX_THRESHOLDS * (2 + 1 + Varints.MAX_LONG_BYTES + 3 + 1 + BucketRing.BUCKETS * 5);

    private static final int IN_EPISODE = 1;
    private static final int HAS_BLOCK = 2;

    private ThresholdStateCodec() {
    }

    public static byte[] encode(ThresholdState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.write(VERSION);
        int presence = 0;
        for (int i = 0; i < Threshold.MAX_THRESHOLDS; i++) {
            if (state.slot(i) != null) {
                presence |= 1 << i;
            }
        }
        out.write(presence);
        if (presence == 0) {
            return out.toByteArray();
        }
        long streamTime = state.streamTime();
        Varints.writeSigned(out, streamTime);
        for (int i = 0; i < Threshold.MAX_THRESHOLDS; i++) {
            Slot slot = state.slot(i);
            if (slot == null) {
                continue;
            }
            Varints.writeUnsigned(out, slot.ring.windowMinutes());
            boolean block = slot.hasBlock();
            out.write((slot.inEpisode ? IN_EPISODE : 0) | (block ? HAS_BLOCK : 0));
            if (block) {
                Varints.writeSigned(out, streamTime - slot.blockRestartedAt);
                Varints.writeUnsigned(out, slot.blockMinutes);
            }
            int[] ages = slot.ring.ages();
            int n = ages.length;
            while (n > 0 && ages[n - 1] == 0) {
                n--;
            }
            Varints.writeUnsigned(out, n);
            for (int age = 0; age < n; age++) {
                Varints.writeUnsigned(out, ages[age]);
            }
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException on an unknown version or malformed bytes (the caller starts over from empty) */
    public static ThresholdState decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown threshold state version " + version);
            }
            int presence = in.get() & 0xFF;
            if (presence >= 1 << Threshold.MAX_THRESHOLDS) {
                throw new IllegalArgumentException("bad presence bits " + presence);
            }
            Slot[] slots = new Slot[Threshold.MAX_THRESHOLDS];
            if (presence == 0) {
                requireEnd(in);
                return ThresholdState.EMPTY;
            }
            long streamTime = Varints.readSigned(in);
            for (int i = 0; i < Threshold.MAX_THRESHOLDS; i++) {
                if ((presence & 1 << i) == 0) {
                    continue;
                }
                long window = Varints.readUnsigned(in);
                if (window < Threshold.MIN_WINDOW_MINUTES || window > Threshold.MAX_WINDOW_MINUTES) {
                    throw new IllegalArgumentException("bad window " + window);
                }
                int windowMinutes = (int) window;
                Slot slot = new Slot(new BucketRing(windowMinutes, BucketRing.bucketOf(streamTime, windowMinutes)));
                int flags = in.get() & 0xFF;
                if (flags > (IN_EPISODE | HAS_BLOCK)) {
                    throw new IllegalArgumentException("bad flags " + flags);
                }
                slot.inEpisode = (flags & IN_EPISODE) != 0;
                if ((flags & HAS_BLOCK) != 0) {
                    slot.blockRestartedAt = streamTime - Varints.readSigned(in);
                    long minutes = Varints.readUnsigned(in);
                    if (minutes < 1 || minutes > Threshold.MAX_BLOCK_MINUTES) {
                        throw new IllegalArgumentException("bad block minutes " + minutes);
                    }
                    slot.blockMinutes = (int) minutes;
                }
                long n = Varints.readUnsigned(in);
                if (n > BucketRing.BUCKETS) {
                    throw new IllegalArgumentException("bad bucket count " + n);
                }
                int[] ages = new int[BucketRing.BUCKETS];
                for (int age = 0; age < n; age++) {
                    long c = Varints.readUnsigned(in);
                    if (c > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("bad bucket value " + c);
                    }
                    ages[age] = (int) c;
                }
                slot.ring.setAges(ages);
                slots[i] = slot;
            }
            requireEnd(in);
            return new ThresholdState(streamTime, slots);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated threshold state", e);
        }
    }

    private static void requireEnd(ByteBuffer in) {
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " trailing bytes in threshold state");
        }
    }
}
