package io.mmsguard.inspection.av;

/**
 * The bounds of the built-in engine, in one place so they are validated once.
 *
 * @param maxLineLength      longest signature-file line accepted on load; longer lines are skipped and counted
 * @param maxSignatureBytes  most byte positions (fixed bytes, wildcards, alternatives) one body signature may name
 * @param maxContentBytes    largest part the engine scans; larger content fails the scan so the caller's
 *                           fail-open/fail-closed rule decides, instead of the engine silently scanning a prefix
 */
public record AvLimits(int maxLineLength, int maxSignatureBytes, long maxContentBytes) {

    /** ClamAV's own line buffer is 8 KiB; real body signatures stay far below 2 KiB of bytes. */
    public static final AvLimits DEFAULTS = new AvLimits(8192, 2048, 64L * 1024 * 1024);

    public AvLimits {
        if (maxLineLength < 16) {
            throw new IllegalArgumentException("maxLineLength must be >= 16: " + maxLineLength);
        }
        if (maxSignatureBytes < 2) {
            throw new IllegalArgumentException("maxSignatureBytes must be >= 2: " + maxSignatureBytes);
        }
        if (maxContentBytes < 1 || maxContentBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxContentBytes out of range: " + maxContentBytes);
        }
    }
}
