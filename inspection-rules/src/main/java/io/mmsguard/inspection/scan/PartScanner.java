package io.mmsguard.inspection.scan;

import java.util.Optional;

/** A scanner that judges each remaining part on its own, with at most one finding per part, in part order. */
public interface PartScanner extends ContentScanner {

    /** @return what it found in this part; empty when there is nothing to report */
    Optional<ScanFinding> scanPart(ScanPart part, ScanContext context);

    @Override
    default ScanReport scan(ScanContext context) {
        return ScanReport.of(context.parts().stream().flatMap(p -> scanPart(p, context).stream()).toList());
    }
}
