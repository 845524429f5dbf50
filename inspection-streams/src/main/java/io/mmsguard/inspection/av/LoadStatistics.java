package io.mmsguard.inspection.av;

import java.util.List;

/**
 * What one database load produced.
 *
 * @param md5Hashes      MD5 hash signatures (from {@code .hdb} and {@code .hsb})
 * @param sha1Hashes     SHA-1 hash signatures
 * @param sha256Hashes   SHA-256 hash signatures
 * @param bodySignatures {@code .ndb} signatures
 * @param skippedLines   lines that were malformed, too long or used an unsupported construct
 * @param files          the files read, in load order
 */
public record LoadStatistics(int md5Hashes, int sha1Hashes, int sha256Hashes, int bodySignatures, int skippedLines,
        List<String> files) {
    public LoadStatistics {
        files = List.copyOf(files);
    }

    public int signatures() {
        return md5Hashes + sha1Hashes + sha256Hashes + bodySignatures;
    }
}
