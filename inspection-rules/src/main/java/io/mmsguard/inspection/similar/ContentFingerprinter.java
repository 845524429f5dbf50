package io.mmsguard.inspection.similar;

import io.mmsguard.inspection.scan.ContentTypeDetector;
import io.mmsguard.inspection.scan.ScanPart;
import io.mmsguard.inspection.scan.TextDecoder;
import io.mmsguard.inspection.scan.TextNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fingerprint of a message's content for the similar-content threshold: its text parts (text/*, read as the
 * banned-word scanner reads them: declared charset, markup removed, NFKC, invisibles dropped) as one MinHash over word
 * shingles ({@link TextShingles}) cut into LSH bands, and each JPEG, PNG or GIF part (told by its magic number, not its
 * declared type) as a 64-bit perceptual hash cut into bands. Pure and thread-safe. Never throws for any content: a
 * part that cannot be read or is beyond {@link FingerprintLimits} simply adds nothing, and a message with nothing
 * fingerprinted gets {@link Fingerprint#NONE}.
 */
public final class ContentFingerprinter {

    private static final Logger log = LoggerFactory.getLogger(ContentFingerprinter.class);

    /** The parameters chosen on the labelled corpus (docs/benchmarks.md, "Similar content"). */
    public record Shape(int shingleWords, int textBands, int textRows, int imageBands) {
        public Shape {
            if (imageBands < 1 || 64 % imageBands != 0) {
                throw new IllegalArgumentException("imageBands must divide 64");
            }
        }
    }

    public static final Shape STANDARD_SHAPE = new Shape(2, 16, 3, 4);

    private final FingerprintLimits limits;
    private final Shape shape;
    private final TextShingles shingles;
    private final MinHash minHash;
    private final ImageLuma luma;
    private final ContentTypeDetector detector = new ContentTypeDetector();
    private final LongSupplier nanoTime;

    public ContentFingerprinter(FingerprintLimits limits, Shape shape, LongSupplier nanoTime) {
        this.limits = limits;
        this.shape = shape;
        this.shingles = new TextShingles(shape.shingleWords());
        this.minHash = new MinHash(shape.textBands(), shape.textRows());
        this.luma = new ImageLuma(limits.maxImagePixels(), limits.minImageSide());
        this.nanoTime = nanoTime;
    }

    public static ContentFingerprinter standard() {
        return new ContentFingerprinter(FingerprintLimits.standard(), STANDARD_SHAPE, System::nanoTime);
    }

    public Fingerprint fingerprint(List<ScanPart> parts) {
        long deadline = nanoTime.getAsLong() + limits.budget().toNanos();
        Set<Long> textShingles = new LinkedHashSet<>();
        List<Long> images = new ArrayList<>();
        // Decodes, not hashes: a flat or broken picture costs a full decode and yields no hash, and must not let the
        // next one be decoded too.
        int imageDecodes = 0;
        for (ScanPart part : parts) {
            if (nanoTime.getAsLong() - deadline > 0) {
                log.debug("fingerprint budget spent before part {}", part.index());
                break;
            }
            if (!part.hasContent() || part.isMember()) {
                continue;
            }
            try {
                if (TextDecoder.isText(part)) {
                    if (textShingles.size() >= limits.maxShingles()) {
                        continue;
                    }
                    String text = TextNormalizer.normalize(TextDecoder.decodePrefix(part, limits.maxTextBytes()),
                            TextNormalizer.isMarkup(part));
                    shingles.addTo(textShingles, text, limits.maxShingles());
                } else if (imageDecodes < limits.maxImages() && part.content().length <= limits.maxImageBytes()) {
                    imageDecodes++;
                    imageHash(part.content()).ifPresent(images::add);
                }
            } catch (Exception | StackOverflowError e) {
                log.debug("part {} not fingerprinted: {}", part.index(), e.toString());
            }
        }
        return build(textShingles, images);
    }

    private OptionalLong imageHash(byte[] content) throws java.io.IOException {
        var type = detector.detect(content);
        if (type.isEmpty() || type.get().family() != ContentTypeDetector.Family.IMAGE) {
            return OptionalLong.empty();
        }
        var grid = luma.of(content, type.get().mediaType());
        return grid.isPresent() ? PerceptualHash.of(grid.get()) : OptionalLong.empty();
    }

    private Fingerprint build(Set<Long> textShingles, List<Long> images) {
        List<String> bands = new ArrayList<>();
        int[] text = new int[0];
        if (textShingles.size() >= limits.minShingles()) {
            long[] minima = minHash.minima(textShingles);
            text = new int[minima.length];
            for (int i = 0; i < minima.length; i++) {
                text[i] = (int) minima[i];
            }
            for (int b = 0; b < minHash.bands(); b++) {
                bands.add("t" + b + "-" + hex(minHash.band(minima, b) >>> 16, 12));
            }
        }
        int bits = 64 / shape.imageBands();
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        long[] hashes = new long[images.size()];
        for (int p = 0; p < hashes.length; p++) {
            hashes[p] = images.get(p);
            for (int b = 0; b < shape.imageBands(); b++) {
                String band = "i" + b + "-" + hex((hashes[p] >>> (b * bits)) & mask, (bits + 3) / 4);
                if (!bands.contains(band)) {
                    bands.add(band);
                }
            }
        }
        return bands.isEmpty() ? Fingerprint.NONE : new Fingerprint(text, hashes, bands);
    }

    private static String hex(long value, int digits) {
        String h = Long.toHexString(value);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }
}
