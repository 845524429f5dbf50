package io.mmsguard.inspection.scan;

import java.util.List;

/**
 * What the content scans decided.
 *
 * @param verdict      PASS, PASS_UNSCANNED (oversize pass), STRIP, BLOCK or SCAN_FAILED
 * @param reason       the first finding that set the verdict; NONE on PASS, SCANNER_FAILURE on SCAN_FAILED
 * @param detail       that finding's detail (virus name, file filter entry, banned-word score and patterns, checksum
 *                     entry, size); null on PASS
 * @param partsToStrip part indexes to remove (removeBlocked), ascending; also filled on SCAN_FAILED so that a fail-open
 *                     caller still strips what was found
 * @param quarantine   a file filter INTERCEPT matched: deliver, and archive a QUARANTINE copy
 * @param bannedWords  the banned-word score, or null when that scanner did not run
 * @param scanResults  every scanner's outcomes in pipeline order, for the inspection log and "explain"
 */
public record ContentScanResult(ContentVerdict verdict, Reason reason, String detail, List<Integer> partsToStrip,
                                boolean quarantine, BannedWordScore bannedWords, List<ScanResult> scanResults) {

    public ContentScanResult {
        partsToStrip = List.copyOf(partsToStrip);
        scanResults = List.copyOf(scanResults);
    }

    /** Results of one scanner, in order. */
    public List<ScanResult> resultsOf(Scanner scanner) {
        return scanResults.stream().filter(r -> r.scanner().equals(scanner)).toList();
    }
}
