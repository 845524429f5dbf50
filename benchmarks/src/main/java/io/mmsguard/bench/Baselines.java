package io.mmsguard.bench;

import java.util.zip.CRC32;

/** Reference operations that benchmarks report their results against. */
final class Baselines {
    private Baselines() {
    }

    /** One pass over every byte: the floor for any codec that has to look at its whole input. */
    static long crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }
}
