package io.mmsguard.inspection.scan;

/**
 * One scanner's result for the message or one part; mirrors the Avro {@code ScanResult}.
 *
 * @param detail    virus name, matched entry, score and patterns, error text; null when there is nothing to say
 * @param partIndex the part it is about, null for the whole message
 */
public record ScanResult(Scanner scanner, ScanOutcome outcome, String detail, Integer partIndex) {

    static ScanResult message(Scanner scanner, ScanOutcome outcome, String detail) {
        return new ScanResult(scanner, outcome, detail, null);
    }
}
