package io.mmsguard.inspection.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.inspection.scan.ScanPart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the bytes, the fingerprint comes back (possibly empty): nothing escapes to the stage. */
class ContentFingerprinterProperties {

    private static final byte[][] PICTURES = {encode("png"), encode("jpeg"), encode("gif")};

    private final ContentFingerprinter fingerprinter = ContentFingerprinter.standard();

    @Property(tries = 300)
    void damagedPicturesGiveAtMostOneHashAndNeverThrow(@ForAll("damaged") byte[] picture) {
        Fingerprint f = fingerprinter.fingerprint(List.of(new ScanPart(0, "image/png", "x", null, picture)));
        assertThat(f.images().length).isLessThanOrEqualTo(1);
    }

    @Property(tries = 300)
    void anyTextIsFingerprintedTheSameWayTwice(@ForAll String text) {
        ScanPart part = new ScanPart(0, "text/html", null, "utf-8", text.getBytes(StandardCharsets.UTF_8));
        assertThat(fingerprinter.fingerprint(List.of(part))).isEqualTo(fingerprinter.fingerprint(List.of(part)));
    }

    @Provide
    Arbitrary<byte[]> damaged() {
        return Arbitraries.integers().between(0, PICTURES.length - 1).flatMap(which -> {
            byte[] original = PICTURES[which];
            return Arbitraries.integers().between(0, original.length - 1).list().ofMaxSize(12)
                    .flatMap(positions -> Arbitraries.integers().between(1, original.length).map(cut -> {
                        byte[] copy = java.util.Arrays.copyOf(original, cut);
                        for (int p : positions) {
                            if (p < copy.length) {
                                copy[p] ^= (byte) (p * 31 + 7);
                            }
                        }
                        return copy;
                    }));
        });
    }

    private static byte[] encode(String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(ContentFingerprinterTest.picture(120, 90), format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
