package io.mmsguard.inspection.scan;

/** What happens to a message above the interface's oversize limit; mirrors the Avro {@code OversizeAction}. */
public enum OversizeAction {
    BLOCK, PASS_UNSCANNED
}
