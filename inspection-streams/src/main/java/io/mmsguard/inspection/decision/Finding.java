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

    static Finding of(Verdict verdict, Reason reason, String detail) {
        return new Finding(verdict, reason, detail, null, List.of());
    }

    static Reason toAvro(io.mmsguard.inspection.scan.Reason reason) {
        return Reason.valueOf(reason.name());
    }

    /** The scanner whose part finding carries this reason, if it is a per-part one. */
    static Optional<Scanner> partScanner(Reason reason) {
        return switch (reason) {
            case VIRUS -> Optional.of(Scanner.ANTIVIRUS);
            case FILE_FILTER -> Optional.of(Scanner.FILE_FILTER);
            case CHECKSUM -> Optional.of(Scanner.CHECKSUM);
            default -> Optional.empty();
        };
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
