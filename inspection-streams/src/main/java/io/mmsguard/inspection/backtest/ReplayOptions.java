package io.mmsguard.inspection.backtest;

import java.util.Objects;

import io.mmsguard.inspection.scan.VirusScanner;

/**
 * @param threads      workers per stage: stage 1 splits the senders among them, stage 2 the checksums
 * @param scanners     false: no content scanner runs (every message is clean to the content checks), for a fast
 *                     what-if of thresholds and endpoint lists; verdicts a scanner gave are then not reproduced
 * @param virusScanner the antivirus engine the profiles' ANTIVIRUS scanner asks (scanners on)
 */
public record ReplayOptions(int threads, boolean scanners, VirusScanner virusScanner) {
    public static final int MAX_THREADS = 64;

    public ReplayOptions {
        Objects.requireNonNull(virusScanner, "virusScanner");
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ", not " + threads);
        }
    }
}
