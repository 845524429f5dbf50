package io.mmsguard.inspection.similar;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the similar-content threshold knows of a message's content.
 *
 * @param text   the text's MinHash minima (truncated to 32 bits each: enough to estimate a similarity), or an empty
 *               array when the message has no text fingerprint
 * @param images the perceptual hashes of its pictures, in part order
 * @param bands  the band keys: two messages are candidates for "similar" exactly when they share one. Text bands are
 *               {@code t<band>-<48-bit hex>}, picture bands {@code i<band>-<hex of that band's bits>}
 */
public record Fingerprint(int[] text, long[] images, List<String> bands) {

    public static final Fingerprint NONE = new Fingerprint(new int[0], new long[0], List.of());

    public Fingerprint {
        text = text.clone();
        images = images.clone();
        bands = List.copyOf(bands);
    }

    public boolean isEmpty() {
        return bands.isEmpty();
    }

    /** Estimated Jaccard similarity of the two texts' shingle sets: the share of equal minima; 0 when either has none. */
    public double textSimilarity(Fingerprint other) {
        if (text.length == 0 || text.length != other.text.length) {
            return 0;
        }
        int equal = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == other.text[i]) {
                equal++;
            }
        }
        return (double) equal / text.length;
    }

    /** The closest pair of pictures: 1 - (differing bits / 64); 0 when either has none. */
    public double imageSimilarity(Fingerprint other) {
        int best = 65;
        for (long a : images) {
            for (long b : other.images) {
                best = Math.min(best, Long.bitCount(a ^ b));
            }
        }
        return best > 64 ? 0 : 1 - best / 64.0;
    }

    /** The higher of the two estimates. */
    public double similarity(Fingerprint other) {
        return Math.max(textSimilarity(other), imageSimilarity(other));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && Arrays.equals(text, f.text) && Arrays.equals(images, f.images)
                && bands.equals(f.bands);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(text), Arrays.hashCode(images), bands);
    }

    @Override
    public String toString() {
        return "Fingerprint" + bands;
    }
}
