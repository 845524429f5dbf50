package io.mmsguard.inspection.decision;

import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.ScanResult;
import io.mmsguard.inspection.scan.Scanner;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What decided a message: verdict, reason, detail, the deciding threshold and the parts to strip.
 *
 * @param threshold the flood or duplicate threshold that blocked; null otherwise
 */
record Finding(Verdict verdict, Reason reason, String detail, ThresholdCount threshold, List<Integer> partsToStrip) {

    Finding {
        partsToStrip = List.copyOf(partsToStrip);
    }

    Finding withDetail(String newDetail) {
        return new Finding(verdict, reason, newDetail, threshold, partsToStrip);
    }

    static Finding of(Verdict verdict, Reason reason, String detail) {
        return new Finding(verdict, reason, detail, null, List.of());
    }

    static Reason toAvro(io.mmsguard.inspection.scan.Reason reason) {
        return Reason.valueOf(reason.name());
    }

    /** The per-part reasons and the scanner whose part findings carry each: one table for both directions. */
    private static final Map<Reason, Scanner> PART_SCANNERS = Map.of(Reason.VIRUS, Scanner.ANTIVIRUS,
            Reason.FILE_FILTER, Scanner.FILE_FILTER, Reason.CHECKSUM, Scanner.CHECKSUM, Reason.UNPACK, Scanner.UNPACK);

    /** The scanner whose part finding carries this reason, if it is a per-part one. */
    static Optional<Scanner> partScanner(Reason reason) {
        return Optional.ofNullable(PART_SCANNERS.get(reason));
    }

    /** The reason a part finding of {@code scanner} carries; SCANNER_FAILURE for a scanner without one. */
    static Reason partReason(Scanner scanner) {
        return PART_SCANNERS.entrySet().stream().filter(e -> e.getValue().equals(scanner)).map(Map.Entry::getKey)
                .findFirst().orElse(Reason.SCANNER_FAILURE);
    }

    /** The first blocking result of the scanner behind {@code reason} that names a part. */
    static Optional<ScanResult> partResult(ContentScanResult content, Reason reason) {
        return partScanner(reason).flatMap(s -> content.resultsOf(s).stream()
                .filter(r -> r.outcome() == ScanOutcome.BLOCK && r.partIndex() != null).findFirst());
    }

    /** The name a person would recognise a part by: its file name, else its Content-Type name, else its location. */
    static String partName(List<MmsPart> parts, Integer index) {
        if (index == null || index < 0 || index >= parts.size()) {
            return "";
        }
        MmsPart p = parts.get(index);
        if (p.getFilename() != null) {
            return p.getFilename();
        }
        if (p.getName() != null) {
            return p.getName();
        }
        return p.getContentLocation() != null ? p.getContentLocation() : "part " + index;
    }
}
