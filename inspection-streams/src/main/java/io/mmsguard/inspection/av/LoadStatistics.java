package io.mmsguard.inspection.av;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one database load produced.
 *
 * @param md5Hashes       MD5 whole-content hash signatures (from {@code .hdb} and {@code .hsb})
 * @param sha1Hashes      SHA-1 whole-content hash signatures
 * @param sha256Hashes    SHA-256 whole-content hash signatures
 * @param sectionHashes   PE section hash signatures ({@code .mdb}, {@code .msb})
 * @param bodySignatures  {@code .ndb} signatures
 * @param logicalSignatures {@code .ldb} signatures
 * @param skippedByReason lines not loaded, by reason: malformed, too long, outside this engine's functionality
 *                        level, or using a construct or file format the built-in engine does not evaluate
 *                        ("unsupported: ...")
 * @param files           the files read, in load order; a container's members as {@code container/member}
 * @param unevaluatedTargets the ClamAV target types (0 any file, 1 PE, 2 OLE2, 3 HTML, 4 mail, 5 graphics, 6 ELF,
 *                        7 ASCII text, 9 Mach-O, 10 PDF, 11 Flash, 12 Java class, ...) of the detection signatures
 *                        skipped as unsupported or beyond this engine's functionality level, which clamd would
 *                        evaluate; 0 also for a skipped signature whose target is not known. Malformed lines, which
 *                        clamd rejects too, and allow-lists are not counted here.
 */
public record LoadStatistics(int md5Hashes, int sha1Hashes, int sha256Hashes, int sectionHashes, int bodySignatures,
        int logicalSignatures, Map<String, Integer> skippedByReason, List<String> files,
        Set<Integer> unevaluatedTargets) {
    public LoadStatistics {
        skippedByReason = Map.copyOf(new TreeMap<>(skippedByReason));
        files = List.copyOf(files);
        unevaluatedTargets = Set.copyOf(unevaluatedTargets);
    }

    /** Signatures loaded, of every kind. */
    public int signatures() {
        return md5Hashes + sha1Hashes + sha256Hashes + sectionHashes + bodySignatures + logicalSignatures;
    }

    public int skippedLines() {
        return skippedByReason.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The share of the database's signature lines the engine evaluates: loaded / (loaded + skipped), 1.0 for a
     * database that skipped nothing. Skipped lines include the lines of member files in formats the engine does
     * not read (e.g. {@code .pdb}, {@code .ftm} inside a {@code .cvd}), so the figure answers "how much of what
     * clamd would use does the built-in engine use".
     */
    public double coverage() {
        int all = signatures() + skippedLines();
        return all == 0 ? 1.0 : (double) signatures() / all;
    }

    /** The skip reasons sorted by name, for logs and reports. */
    public Map<String, Integer> skippedByReasonSorted() {
        return new TreeMap<>(skippedByReason);
    }
}
