package io.mmsguard.inspection.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.inspection.scan.ScanPart;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ContentFingerprinterTest {

    private static final String CAMPAIGN = "Dear Anna, your account was locked after suspicious login attempts. "
            + "Verify your identity at https://secure-bank.info/x7Kq2Z today. "
            + "Failure to do so will result in permanent closure of the account.";

    private final ContentFingerprinter fingerprinter = ContentFingerprinter.standard();

    @Test
    void namesTokensNumbersAndSentenceOrderDoNotChangeTheTextBands() {
        String other = "Failure to do so will result in permanent closure of the account! "
                + "Dear Tomas, your account was locked after suspicious login attempts.\n"
                + "Verify your identity at https://secure-bank.info/P9wz41 today.";
        Fingerprint a = fingerprinter.fingerprint(List.of(text("text/plain", CAMPAIGN)));
        Fingerprint b = fingerprinter.fingerprint(List.of(text("text/plain", other)));
        assertThat(a.bands()).hasSize(ContentFingerprinter.STANDARD_SHAPE.textBands());
        assertThat(b.bands()).containsAnyElementsOf(a.bands());
        assertThat(a.textSimilarity(b)).isGreaterThan(0.6);
    }

    @Test
    void markupAndInvisibleCharactersReadAsThePlainText() {
        String html = "<html><body><p>" + CAMPAIGN.replace("locked", "lo\u200Bcked").replace(". ", ".</p><p>")
                + "</p></body></html>";
        assertThat(fingerprinter.fingerprint(List.of(text("text/html", html))))
                .isEqualTo(fingerprinter.fingerprint(List.of(text("text/plain", CAMPAIGN))));
    }

    @Test
    void unrelatedTextsShareNoBand() {
        Fingerprint a = fingerprinter.fingerprint(List.of(text("text/plain", CAMPAIGN)));
        Fingerprint b = fingerprinter.fingerprint(List.of(text("text/plain",
                "Running late, the train is stuck outside the station. Start dinner without me and keep "
                        + "some soup warm, I will be home around nine. Love you.")));
        assertThat(b.bands()).doesNotContainAnyElementsOf(a.bands());
        assertThat(a.similarity(b)).isLessThan(0.2);
    }

    @Test
    void aShortTextHasNoFingerprint() {
        assertThat(fingerprinter.fingerprint(List.of(text("text/plain", "ok thanks, see you")))).isEqualTo(Fingerprint.NONE);
        assertThat(fingerprinter.fingerprint(List.of())).isEqualTo(Fingerprint.NONE);
    }

    @Test
    void onlyTheFirstTextBytesWithinTheLimitAreRead() {
        String filler = "the same long preamble of words that goes on ".repeat(2000);
        assertThat(filler.length()).isGreaterThan(FingerprintLimits.standard().maxTextBytes());
        assertThat(fingerprinter.fingerprint(List.of(text("text/plain", filler + "one ending. With more."))))
                .isEqualTo(fingerprinter.fingerprint(List.of(text("text/plain", filler + "another tail entirely."))));
    }

    @Test
    void aResizedReencodedCroppedPictureSharesABand() throws IOException {
        BufferedImage picture = picture(400, 300);
        BufferedImage copy = scaled(picture.getSubimage(6, 4, 388, 292), 250, 188);
        Fingerprint a = fingerprinter.fingerprint(List.of(image("image/png", encode(picture, "png"))));
        Fingerprint b = fingerprinter.fingerprint(List.of(image("image/jpeg", encode(copy, "jpeg"))));
        assertThat(a.images()).hasSize(1);
        assertThat(b.bands()).containsAnyElementsOf(a.bands());
        assertThat(a.imageSimilarity(b)).isGreaterThan(0.85);
    }

    @Test
    void aPictureIsToldByItsBytesNotItsLabel() throws IOException {
        byte[] png = encode(picture(200, 150), "png");
        assertThat(fingerprinter.fingerprint(List.of(image("application/octet-stream", png))).images()).hasSize(1);
    }

    @Test
    void aDecompressionBombIsNotDecoded() {
        // a valid PNG header declaring 100,000 × 100,000 pixels: rejected from the header, nothing allocated
        byte[] bomb = pngHeader(100_000, 100_000);
        assertThat(fingerprinter.fingerprint(List.of(image("image/png", bomb)))).isEqualTo(Fingerprint.NONE);
    }

    @Test
    void brokenTinyAndFlatPicturesHaveNoFingerprintAndThrowNothing() throws IOException {
        byte[] broken = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};
        BufferedImage flat = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        assertThat(fingerprinter.fingerprint(List.of(image("image/jpeg", broken),
                image("image/gif", encode(picture(8, 8), "gif")), image("image/png", encode(flat, "png")),
                image("image/png", pngHeader(64, 64))))).isEqualTo(Fingerprint.NONE);
    }

    @Test
    void partsPastTheTimeBudgetAreSkipped() {
        AtomicLong clock = new AtomicLong();
        ContentFingerprinter slow = new ContentFingerprinter(new FingerprintLimits(65536, 4096, 8, 4, 1 << 22,
                40_000_000L, 32, Duration.ofMillis(10)), ContentFingerprinter.STANDARD_SHAPE,
                () -> clock.getAndAdd(Duration.ofMillis(20).toNanos()));
        assertThat(slow.fingerprint(List.of(text("text/plain", CAMPAIGN)))).isEqualTo(Fingerprint.NONE);
    }

    private static ScanPart text(String type, String text) {
        return new ScanPart(0, type, null, "utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static ScanPart image(String type, byte[] bytes) {
        return new ScanPart(1, type, "p", null, bytes);
    }

    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 90, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 5, height / 6, width / 2, height / 2);
        g.setColor(Color.WHITE);
        g.fillRect(width / 2, height / 2, width / 3, height / 4);
        g.dispose();
        return image;
    }

    private static BufferedImage scaled(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static byte[] pngHeader(int width, int height) {
        ByteBuffer png = ByteBuffer.allocate(8 + 25);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.putInt(13);
        int start = png.position();
        png.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put(new byte[] {8, 2, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(png.array(), start, png.position() - start);
        png.putInt((int) crc.getValue());
        return png.array();
    }
}
