package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumScannerTest {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crc32OfTheStandardCheckVector() {
        assertThat(ChecksumScanner.crc32(CHECK)).isEqualTo(0xCBF43926L);
    }

    @Test
    void listedPartMatchesAndUnlistedOrDisabledDoNot() {
        ChecksumScanner s = new ChecksumScanner(List.of(
                new ChecksumEntry("known bad", 0xCBF43926L, true),
                new ChecksumEntry("retired", ChecksumScanner.crc32(new byte[] {1}), false)));
        assertThat(s.match(new ScanPart(0, "image/jpeg", null, null, CHECK), Map.of()))
                .map(ChecksumEntry::name).hasValue("known bad");
        assertThat(s.match(new ScanPart(0, "image/jpeg", null, null, new byte[] {2}), Map.of())).isEmpty();
        assertThat(s.match(new ScanPart(0, "image/jpeg", null, null, new byte[] {1}), Map.of())).isEmpty();
    }

    @Test
    void partWithoutInlineContentUsesTheGatewaysCrc32() {
        ChecksumScanner s = new ChecksumScanner(List.of(new ChecksumEntry("bad", 0xCBF43926L, true)));
        ScanPart notInline = new ScanPart(3, "video/mp4", "v.mp4", null, null);
        assertThat(s.match(notInline, Map.of(3, 0xCBF43926L))).isPresent();
        assertThat(s.match(notInline, Map.of())).isEmpty();
    }

    @Test
    void validationRejectsValuesOutsideUnsigned32Bit() {
        assertThat(ChecksumScanner.validate(List.of(
                new ChecksumEntry("ok", 0xFFFFFFFFL, true),
                new ChecksumEntry("", -1, true),
                new ChecksumEntry("big", 0x1_0000_0000L, true))))
                .extracting(ValidationProblem::path)
                .containsExactly("checksums[1].name", "checksums[1].crc32", "checksums[2].crc32");
    }
}
