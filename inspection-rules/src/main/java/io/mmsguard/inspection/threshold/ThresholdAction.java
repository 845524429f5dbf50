package io.mmsguard.inspection.threshold;

/**
 * What an exceeded threshold does. The same names as the Avro {@code io.mmsguard.avro.ThresholdAction} without its
 * {@code UNKNOWN}: the threshold core stays free of generated types, and an unknown action never reaches it because
 * profile validation rejects it.
 */
public enum ThresholdAction {
    LOG,
    ARCHIVE,
    /** Only the first message of an episode over the limit (see {@link ThresholdEvaluator}). */
    ARCHIVE_FIRST,
    INTERCEPT,
    ALERT_ADMIN,
    BLOCK
}
