package io.mmsguard.inspection.av;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mmsguard.inspection.scan.ScanFailedException;

/**
 * An immutable, compiled signature database: the hash index plus the anchor matcher over the body signatures.
 * Safe to share between threads. Build one with {@link SignatureDatabaseLoader}.
 */
public final class SignatureDatabase {
    /**
     * Verification work allowed per scan: a fixed floor plus steps per content byte. Ordinary content, even with
     * thousands of candidate hits, stays orders of magnitude below; content crafted to repeat anchors of
     * signatures with many gaps fails the scan instead of stalling the stream thread.
     */
    static final long VERIFICATION_BASE = 4_000_000;
    static final long VERIFICATION_PER_BYTE = 256;
    /**
     * Section bytes one scan may hash: a PE's sections may overlap (each can name the whole file), so hashing
     * every one could cost the section count times the content; past this the scan fails like a verification
     * over its budget.
     */
    static final long SECTION_HASHING_BASE = 64L * 1024 * 1024;
    static final long SECTION_HASHING_PER_BYTE = 4;

    private final HashIndex hashes;
    private final HashIndex sectionHashes;
    private final List<BodySignature> bodies;
    private final AnchorMatcher anchors;
    private final LoadStatistics statistics;

    SignatureDatabase(List<HashSignature> hashSignatures, List<BodySignature> bodySignatures,
            LoadStatistics statistics) {
        this(hashSignatures, List.of(), bodySignatures, statistics);
    }

    SignatureDatabase(List<HashSignature> hashSignatures, List<HashSignature> sectionHashSignatures,
            List<BodySignature> bodySignatures, LoadStatistics statistics) {
        this.hashes = new HashIndex(hashSignatures);
        this.sectionHashes = new HashIndex(sectionHashSignatures);
        this.bodies = List.copyOf(bodySignatures);
        List<byte[]> anchorBytes = new ArrayList<>(bodies.size());
        for (BodySignature b : bodies) {
            anchorBytes.add(b.pattern().anchor());
        }
        this.anchors = AnchorMatcher.build(anchorBytes);
        this.statistics = statistics;
    }

    public LoadStatistics statistics() {
        return statistics;
    }

    /**
     * @throws io.mmsguard.inspection.scan.ScanFailedException when verification exceeds its work budget
     * @return the name of the first matching signature: a hash signature first (the cheapest certain verdict),
     *         then a PE section hash (in section order), then the body signature whose anchor occurrence ends
     *         earliest in the content (ties: the longer anchor, then load order)
     */
    public Optional<String> match(byte[] content) {
        int length = content.length;
        Optional<String> byHash = hashes.match(content, length);
        if (byHash.isPresent()) {
            return byHash;
        }
        if (!sectionHashes.isEmpty() && PeSections.looksLikePe(content, length)) {
            Optional<String> bySection = matchSections(content, length);
            if (bySection.isPresent()) {
                return bySection;
            }
        }
        String[] found = new String[1];
        PatternVerifier verifier =
                new PatternVerifier(content, length, VERIFICATION_BASE + VERIFICATION_PER_BYTE * length);
        anchors.scan(content, length, (id, endExclusive) -> {
            BodySignature s = bodies.get(id);
            int anchorStart = endExclusive - (s.pattern().anchorEnd() - s.pattern().anchorStart());
            if (verifier.matches(id, s, anchorStart)) {
                found[0] = s.name();
                return false;
            }
            return true;
        });
        return Optional.ofNullable(found[0]);
    }

    private Optional<String> matchSections(byte[] content, int length) {
        long budget = SECTION_HASHING_BASE + SECTION_HASHING_PER_BYTE * length;
        long hashed = 0;
        for (PeSections.Range r : PeSections.of(content, length)) {
            if (!sectionHashes.hashes(r.length())) {
                continue;
            }
            hashed += r.length();
            if (hashed > budget) {
                throw new ScanFailedException("PE section hashing exceeded its budget of " + budget + " bytes on "
                        + length + " bytes (overlapping sections?)");
            }
            Optional<String> m = sectionHashes.match(content, r.offset(), r.length());
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }
}
