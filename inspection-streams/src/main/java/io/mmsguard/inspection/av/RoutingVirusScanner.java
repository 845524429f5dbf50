package io.mmsguard.inspection.av;

import java.util.Optional;
import java.util.Set;

import io.mmsguard.inspection.scan.ContentTypeDetector;
import io.mmsguard.inspection.scan.VirusScanner;

/**
 * The built-in engine first, then clamd for the parts the built-in engine cannot judge alone: a part it finds clean
 * goes to clamd when the loaded database has a signature it skipped (an unsupported target type, construct or file
 * format, e.g. {@code .ldb}; {@link LoadStatistics#unevaluatedTargets()}) that targets any file or a type the part
 * may be ({@link ClamavTargets}). So the official databases lose nothing to the built-in engine's gaps, and parts no
 * skipped signature could match cost no clamd round trip. The set is read from the database in force at each scan,
 * so a reload that adds or removes such signatures changes the routing at once. A clamd failure fails the scan (the
 * profile's fail-open rule decides), as with clamd alone.
 */
public final class RoutingVirusScanner implements VirusScanner {
    private final ClamavSignatureEngine builtIn;
    private final VirusScanner clamd;
    private final ClamavTargets targets;

    public RoutingVirusScanner(ClamavSignatureEngine builtIn, VirusScanner clamd) {
        this(builtIn, clamd, new ClamavTargets(new ContentTypeDetector()));
    }

    RoutingVirusScanner(ClamavSignatureEngine builtIn, VirusScanner clamd, ClamavTargets targets) {
        this.builtIn = builtIn;
        this.clamd = clamd;
        this.targets = targets;
    }

    @Override
    public Optional<String> scan(byte[] content) {
        Optional<String> found = builtIn.scan(content);
        if (found.isPresent() || !needsClamd(content)) {
            return found;
        }
        return clamd.scan(content);
    }

    /** Whether a skipped signature of the database in force could match {@code content}. */
    boolean needsClamd(byte[] content) {
        Set<Integer> unevaluated = builtIn.statistics().unevaluatedTargets();
        if (unevaluated.isEmpty()) {
            return false;
        }
        if (unevaluated.contains(0) || !ClamavTargets.ALL.containsAll(unevaluated)) {
            // Any file, or a target no magic number here tells apart (8, 13 "internal", 14 "other", a newer one).
            return true;
        }
        for (int target : targets.of(content)) {
            if (unevaluated.contains(target)) {
                return true;
            }
        }
        return false;
    }
}
