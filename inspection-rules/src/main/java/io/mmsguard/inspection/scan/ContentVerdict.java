package io.mmsguard.inspection.scan;

/**
 * Verdict of the content scans alone. SCAN_FAILED is not an Avro verdict: the caller turns it into PASS_UNSCANNED or
 * TEMPORARY_FAILURE with the interface's failOpen setting, which this package deliberately does not read.
 */
public enum ContentVerdict {
    PASS, PASS_UNSCANNED, STRIP, BLOCK, SCAN_FAILED
}
