package io.mmsguard.inspection.similar;

import java.util.Collection;

/**
 * MinHash signatures with locality-sensitive banding: {@code bands × rows} independent minima over a set of shingle
 * hashes; each band is the hash of its {@code rows} minima. Two sets of Jaccard similarity J agree on one row with
 * probability J, on one band with J^rows, and share at least one band with 1 - (1 - J^rows)^bands.
 */
final class MinHash {

    private final int bands;
    private final int rows;
    private final long[] seeds;

    MinHash(int bands, int rows) {
        if (bands < 1 || rows < 1) {
            throw new IllegalArgumentException("bands and rows must be at least 1");
        }
        this.bands = bands;
        this.rows = rows;
        this.seeds = new long[bands * rows];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = Hashing.mix(0x5eed_0000L + i);
        }
    }

    int bands() {
        return bands;
    }

    /** The minima, one per row of every band. */
    long[] minima(Collection<Long> shingles) {
        long[] min = new long[seeds.length];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        for (long shingle : shingles) {
            for (int i = 0; i < seeds.length; i++) {
                long h = Hashing.mix(shingle ^ seeds[i]);
                if (h < min[i]) {
                    min[i] = h;
                }
            }
        }
        return min;
    }

    /** Band {@code band}'s value: its rows' minima hashed together. */
    long band(long[] minima, int band) {
        long h = band;
        for (int r = band * rows; r < (band + 1) * rows; r++) {
            h = Hashing.mix(h ^ minima[r]);
        }
        return h;
    }
}
