package io.mmsguard.inspection.scan;

/**
 * A scanner's result kept whole beyond its findings' details, for a later stage to ask questions of (the banned-word
 * score, whose {@code blocked()} and {@code describe()} stage 2 still needs). {@link ContentScanResult} carries it.
 */
public interface ScanEvidence {
}
