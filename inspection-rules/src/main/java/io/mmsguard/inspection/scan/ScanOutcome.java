package io.mmsguard.inspection.scan;

/**
 * Result of one scanner; mirrors the Avro {@code ScanOutcome}. MATCH = found something that did not block by itself
 * (monitor only, score under the threshold, intercept); BLOCK = its finding blocks the message or strips a part.
 */
public enum ScanOutcome {
    CLEAN, MATCH, BLOCK, EXEMPT, SKIPPED, ERROR
}
