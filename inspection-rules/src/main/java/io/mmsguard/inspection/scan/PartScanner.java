package io.mmsguard.inspection.scan;

import java.util.Optional;

/**
 * A scanner that judges each remaining part on its own, with at most one finding per part, in part order. Archive
 * members are judged like parts; their findings name the member's path in front of the detail
 * ({@link MemberEvidence}), since they carry the index of the part they were unpacked from.
 */
public interface PartScanner extends ContentScanner {

    /** @return what it found in this part; empty when there is nothing to report */
    Optional<ScanFinding> scanPart(ScanPart part, ScanContext context);

    @Override
    default ScanReport scan(ScanContext context) {
        return ScanReport.of(context.parts().stream()
                .flatMap(p -> scanPart(p, context).map(f -> p.isMember() ? about(p, f) : f).stream()).toList());
    }

    private static ScanFinding about(ScanPart member, ScanFinding f) {
        return new ScanFinding(f.action(), f.reason(), MemberEvidence.of(member.path(), f.detail()), f.partIndex());
    }
}
