package io.mmsguard.inspection.av;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hash signatures by algorithm and digest; computes each digest the database uses once per scan. */
final class HashIndex {
    private final Map<HashAlgorithm, Map<String, List<HashSignature>>> byAlgorithm;

    HashIndex(List<HashSignature> signatures) {
        Map<HashAlgorithm, Map<String, List<HashSignature>>> m = new EnumMap<>(HashAlgorithm.class);
        for (HashSignature s : signatures) {
            m.computeIfAbsent(s.algorithm(), a -> new HashMap<>()).computeIfAbsent(s.hash(), h -> new ArrayList<>())
                    .add(s);
        }
        this.byAlgorithm = m;
    }

    Optional<String> match(byte[] content, int length) {
        for (Map.Entry<HashAlgorithm, Map<String, List<HashSignature>>> e : byAlgorithm.entrySet()) {
            MessageDigest digest = e.getKey().newDigest();
            digest.update(content, 0, length);
            List<HashSignature> candidates = e.getValue().get(HexFormat.of().formatHex(digest.digest()));
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
