package io.mmsguard.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** A JDK digest ("MD5", "SHA-256") of every byte: what a hash signature database makes a scan compute. */
    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
