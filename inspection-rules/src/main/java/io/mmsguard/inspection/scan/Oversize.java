package io.mmsguard.inspection.scan;

/** Oversize check (A6): a message exactly at the limit is scanned; one byte more is oversize. */
public final class Oversize {

    public enum Status { WITHIN, BLOCK, PASS_UNSCANNED }

    private Oversize() {
    }

    public static Status check(long originalSize, ScanSettings settings) {
        if (originalSize <= settings.oversizeLimitBytes()) {
            return Status.WITHIN;
        }
        return settings.oversizeAction() == OversizeAction.PASS_UNSCANNED ? Status.PASS_UNSCANNED : Status.BLOCK;
    }

    public static String describe(long originalSize, ScanSettings settings) {
        return originalSize + " bytes > " + settings.oversizeLimitKb() + " kB";
    }
}
