package io.mmsguard.inspection.av;

/**
 * The bounds of the built-in engine, in one place so they are validated once.
 *
 * @param maxLineLength        longest signature-file line accepted on load; longer lines are skipped and counted
 * @param maxSignatureBytes    most byte positions (fixed bytes, wildcards, alternatives) one body signature may name
 * @param maxContentBytes      largest part the engine scans; larger content fails the scan so the caller's
 *                             fail-open/fail-closed rule decides, instead of the engine silently scanning a prefix
 * @param maxContainerBytes    largest {@code .cvd}/{@code .cld}/{@code .cud} file accepted (as stored, compressed)
 * @param maxArchiveEntries    most tar members one container may hold
 * @param maxArchiveEntryBytes largest tar member (uncompressed)
 * @param maxArchiveBytes      most bytes all members of one container may hold together (uncompressed): bounds
 *                             the work a gzip bomb can cause; past any of these the load fails
 */
public record AvLimits(int maxLineLength, int maxSignatureBytes, long maxContentBytes, long maxContainerBytes,
        int maxArchiveEntries, long maxArchiveEntryBytes, long maxArchiveBytes) {

    /**
     * ClamAV's own line buffer is 8 KiB; real body signatures stay far below 2 KiB of bytes. The official
     * {@code main.cvd} is about 170 MB and unpacks to a few hundred MB in a few dozen members.
     */
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
        if (maxContainerBytes < 512 || maxArchiveEntries < 1 || maxArchiveEntryBytes < 0
                || maxArchiveBytes < maxArchiveEntryBytes) {
            throw new IllegalArgumentException("container limits out of range: " + maxContainerBytes + ", "
                    + maxArchiveEntries + ", " + maxArchiveEntryBytes + ", " + maxArchiveBytes);
        }
    }

    /** The given line, signature and content bounds with the default container bounds. */
    public AvLimits(int maxLineLength, int maxSignatureBytes, long maxContentBytes) {
        this(maxLineLength, maxSignatureBytes, maxContentBytes, 1L << 30, 4096, 1L << 30, 4L << 30);
    }

    /** These bounds with other container bounds. */
    public AvLimits withArchive(long containerBytes, int entries, long entryBytes, long totalBytes) {
        return new AvLimits(maxLineLength, maxSignatureBytes, maxContentBytes, containerBytes, entries, entryBytes,
                totalBytes);
    }
}
