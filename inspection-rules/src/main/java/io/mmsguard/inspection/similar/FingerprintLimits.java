package io.mmsguard.inspection.similar;

import java.time.Duration;

/**
 * What fingerprinting one message may cost. Past a limit the part (or the rest of the message) gets no fingerprint:
 * a message is never refused or delayed for being hard to fingerprint, it just cannot be counted as similar.
 *
 * @param maxTextBytes   bytes of each text part read (the rest is not fingerprinted)
 * @param maxShingles    distinct shingles per message kept for the MinHash (the first ones in text order)
 * @param minShingles    fewer distinct shingles than this give no text fingerprint: "ok thanks" from a thousand
 *                       people is not a campaign, and a tiny set's MinHash says nothing
 * @param maxImages      image parts fingerprinted per message
 * @param maxImageBytes  larger image parts are not decoded
 * @param maxImagePixels width × height from the image header above which the image is not decoded (decompression
 *                       bombs: a few kB of PNG or GIF can declare gigapixels)
 * @param minImageSide   images narrower or lower than this (spacers, tracking pixels, icons) get no hash: they are
 *                       shared by unrelated messages
 * @param budget         wall-clock time after which the remaining parts are skipped
 */
public record FingerprintLimits(int maxTextBytes, int maxShingles, int minShingles, int maxImages, int maxImageBytes,
                                long maxImagePixels, int minImageSide, Duration budget) {

    public static FingerprintLimits standard() {
        return new FingerprintLimits(64 * 1024, 4096, 8, 4, 4 * 1024 * 1024, 12_000_000L, 32, Duration.ofMillis(250));
    }

    public FingerprintLimits {
        if (maxTextBytes <= 0 || maxShingles <= 0 || minShingles <= 0 || maxImages < 0 || maxImageBytes <= 0
                || maxImagePixels <= 0 || minImageSide <= 0 || budget.isNegative()) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
