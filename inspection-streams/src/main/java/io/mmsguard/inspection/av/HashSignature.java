package io.mmsguard.inspection.av;

import java.util.Objects;

/**
 * A whole-content hash signature.
 *
 * @param algorithm the digest
 * @param hash      lower-case hex digest
 * @param size      the content length the digest is for, or {@link #ANY_SIZE}
 * @param name      the malware name reported on a match
 */
public record HashSignature(HashAlgorithm algorithm, String hash, long size, String name) {
    public static final long ANY_SIZE = -1;

    public HashSignature {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(name, "name");
    }
}
