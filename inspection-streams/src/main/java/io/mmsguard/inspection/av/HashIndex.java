package io.mmsguard.inspection.av;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hash signatures by algorithm and digest. A digest is computed only when some signature of its algorithm has the
 * hashed range's size or any size (as ClamAV does), so content whose size no signature names costs no hashing.
 */
final class HashIndex {
    private static final class ByAlgorithm {
        final Map<String, List<HashSignature>> byHash = new HashMap<>();
        final Set<Long> sizes = new HashSet<>();
        boolean anySize;
    }

    private final Map<HashAlgorithm, ByAlgorithm> byAlgorithm;

    HashIndex(List<HashSignature> signatures) {
        Map<HashAlgorithm, ByAlgorithm> m = new EnumMap<>(HashAlgorithm.class);
        for (HashSignature s : signatures) {
            ByAlgorithm a = m.computeIfAbsent(s.algorithm(), k -> new ByAlgorithm());
            a.byHash.computeIfAbsent(s.hash(), h -> new ArrayList<>()).add(s);
            if (s.size() == HashSignature.ANY_SIZE) {
                a.anySize = true;
            } else {
                a.sizes.add(s.size());
            }
        }
        this.byAlgorithm = m;
    }

    boolean isEmpty() {
        return byAlgorithm.isEmpty();
    }

    /** Whether {@link #match} would compute a digest of a range this long: what it costs to ask. */
    boolean hashes(int length) {
        for (ByAlgorithm a : byAlgorithm.values()) {
            if (a.anySize || a.sizes.contains((long) length)) {
                return true;
            }
        }
        return false;
    }

    Optional<String> match(byte[] content, int length) {
        return match(content, 0, length);
    }

    /** The first signature whose digest and size are those of {@code content[from, from + length)}. */
    Optional<String> match(byte[] content, int from, int length) {
        for (Map.Entry<HashAlgorithm, ByAlgorithm> e : byAlgorithm.entrySet()) {
            ByAlgorithm a = e.getValue();
            if (!a.anySize && !a.sizes.contains((long) length)) {
                continue;
            }
            MessageDigest digest = e.getKey().newDigest();
            digest.update(content, from, length);
            List<HashSignature> candidates = a.byHash.get(HexFormat.of().formatHex(digest.digest()));
            if (candidates != null) {
                for (HashSignature s : candidates) {
                    if (s.size() == HashSignature.ANY_SIZE || s.size() == length) {
                        return Optional.of(s.name());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
