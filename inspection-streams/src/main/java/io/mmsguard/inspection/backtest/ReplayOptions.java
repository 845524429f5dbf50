package io.mmsguard.inspection.backtest;

import java.util.Objects;

import io.mmsguard.inspection.scan.VirusScanner;

/**
 * @param threads      workers per stage: stage 1 splits the senders among them, stage 2 the checksums
 * @param scanners     false: no content scanner runs (every message is clean to the content checks), for a fast
 *                     what-if of thresholds and endpoint lists; verdicts a scanner gave are then not reproduced
 * @param virusScanner the antivirus engine the profiles' ANTIVIRUS scanner asks (scanners on)
 * @param stage2Order  the recorded order of the duplicate stage, or {@link Stage2Order#NONE}
 */
public record ReplayOptions(int threads, boolean scanners, VirusScanner virusScanner, Stage2Order stage2Order) {
    public static final int MAX_THREADS = 64;

    /** Without a recorded stage-2 order: copies are counted in their append order. */
    public ReplayOptions(int threads, boolean scanners, VirusScanner virusScanner) {
        this(threads, scanners, virusScanner, Stage2Order.NONE);
    }

    public ReplayOptions {
        Objects.requireNonNull(virusScanner, "virusScanner");
        Objects.requireNonNull(stage2Order, "stage2Order");
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ", not " + threads);
        }
    }
}
