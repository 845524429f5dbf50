package io.mmsguard.inspection.av;

import static io.mmsguard.inspection.av.Databases.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.mmsguard.inspection.scan.ScanFailedException;

/**
 * Content that repeats a signature's anchor hundreds of thousands of times. Without the once-per-scan handling of
 * unbounded gaps these scans would be quadratic (hours); they must finish with the right verdict, and wide
 * bounded gaps must hit the work budget instead of stalling.
 */
class HostileContentTest {
    private static final byte[] REPEATED = "AB".repeat(500_000).getBytes(StandardCharsets.US_ASCII);

    @Test
    void unboundedGapAfterTheAnchor() {
        SignatureDatabase db = Databases.ndb("S:0:*:" + hex("AB") + "*" + hex("CD"));
        assertThat(db.match(REPEATED)).isEmpty();
        byte[] withEnd = (new String(REPEATED, StandardCharsets.US_ASCII) + "CD").getBytes(StandardCharsets.US_ASCII);
        assertThat(db.match(withEnd)).contains("S");
    }

    @Test
    void unboundedGapBeforeTheAnchor() {
        SignatureDatabase db = Databases.ndb("S:0:*:" + hex("XY") + "*" + hex("ABAB"));
        assertThat(db.match(REPEATED)).isEmpty();
        byte[] withStart = ("XY" + new String(REPEATED, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        assertThat(db.match(withStart)).contains("S");
    }

    @Test
    void unboundedGapsOnBothSidesWithAnOffsetWindow() {
        SignatureDatabase db = Databases.ndb("S:0:10,4:" + hex("XY") + "*" + hex("ABAB") + "*" + hex("CD"));
        assertThat(db.match(REPEATED)).isEmpty();
        String body = new String(REPEATED, StandardCharsets.US_ASCII);
        assertThat(db.match(("0123456789abXY" + body + "CD").getBytes(StandardCharsets.US_ASCII))).contains("S");
        assertThat(db.match(("0123456789abcdeXY" + body + "CD").getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void wideBoundedGapsExhaustTheBudgetAndFailTheScan() {
        SignatureDatabase db = Databases.ndb("S:0:*:" + hex("ABAB") + "{0-60000}" + hex("CD"));
        assertThatThrownBy(() -> db.match(REPEATED)).isInstanceOf(ScanFailedException.class)
                .hasMessageContaining("budget");
    }

    /**
     * Hundreds of signatures sharing one anchor, each allowed only at offset 0, and content repeating that anchor
     * everywhere: every position gives each of them as a candidate the verifier rejects at once (500 per byte, above
     * the budget's 256), and those rejections count against the budget, so the scan fails instead of making 500 calls
     * per byte for nothing.
     */
    @Test
    void candidatesRejectedByTheirOffsetStillSpendTheBudget() {
        String[] lines = new String[500];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "Same" + i + ":0:0:0000{2}4142";
        }
        SignatureDatabase db = Databases.ndb(lines);
        assertThatThrownBy(() -> db.match(new byte[30_720])).isInstanceOf(ScanFailedException.class)
                .hasMessageContaining("budget");
        assertThat(db.match(new byte[] {0, 0, 0, 0, 'A', 'B', 0, 0})).contains("Same0");
    }
}
