package io.mmsguard.inspection.similar;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The DCT perceptual hash (pHash): the 8 × 8 lowest non-constant frequencies of the 2-D DCT of a 32 × 32 luminance
 * grid, one bit per coefficient, set when it is above their median. Resizing, re-encoding and a small crop change
 * the low frequencies little, so copies differ in few bits; unrelated pictures differ in about half. An almost flat
 * picture (one colour) has no hash: its bits would be noise, and flat pictures are common to unrelated messages.
 */
final class PerceptualHash {

    private static final int N = ImageLuma.SIZE;
    private static final int K = 8;
    /** Standard deviation of the grid (0..255 luminance) below which the picture counts as flat. */
    private static final double FLAT = 2.0;
    private static final double[][] COS = new double[K + 1][N];

    static {
        for (int u = 0; u <= K; u++) {
            for (int x = 0; x < N; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * N));
            }
        }
    }

    private PerceptualHash() {
    }

    static OptionalLong of(double[][] luma) {
        if (deviation(luma) < FLAT) {
            return OptionalLong.empty();
        }
        double[][] rows = new double[K][N];
        for (int u = 1; u <= K; u++) {
            for (int y = 0; y < N; y++) {
                double s = 0;
                for (int x = 0; x < N; x++) {
                    s += luma[y][x] * COS[u][x];
                }
                rows[u - 1][y] = s;
            }
        }
        double[] coefficients = new double[K * K];
        for (int u = 0; u < K; u++) {
            for (int v = 1; v <= K; v++) {
                double s = 0;
                for (int y = 0; y < N; y++) {
                    s += rows[u][y] * COS[v][y];
                }
                coefficients[u * K + v - 1] = s;
            }
        }
        double[] sorted = coefficients.clone();
        Arrays.sort(sorted);
        double median = (sorted[31] + sorted[32]) / 2;
        long hash = 0;
        for (int i = 0; i < coefficients.length; i++) {
            if (coefficients[i] > median) {
                hash |= 1L << i;
            }
        }
        return OptionalLong.of(hash);
    }

    private static double deviation(double[][] luma) {
        double sum = 0;
        double squares = 0;
        for (double[] row : luma) {
            for (double v : row) {
                sum += v;
                squares += v * v;
            }
        }
        double n = N * N;
        double mean = sum / n;
        return Math.sqrt(Math.max(0, squares / n - mean * mean));
    }
}
