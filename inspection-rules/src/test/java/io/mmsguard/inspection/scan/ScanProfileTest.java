package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScanProfileTest {

    @Test
    void validProfileHasNoProblems() {
        ScanProfile p = new ScanProfile(Map.of(MmsInterface.MM1, ScanSettings.DEFAULTS),
                List.of(new FileFilterEntry("*.exe", FileFilterMatch.FILE_NAME, PatternType.WILDCARD,
                        FileFilterAction.BLOCK, true)),
                10, List.of(new BannedWord("casino", PatternType.SIMPLE, 5)),
                List.of(new ChecksumEntry("bad", 0xCBF43926L, true)));
        assertThat(p.validate()).isEmpty();
    }

    @Test
    void everyProblemIsListedWithItsAvroFieldPath() {
        ScanSettings badMm4 = new ScanSettings(true, true, true, true, false, false, 0, OversizeAction.BLOCK);
        ScanProfile p = new ScanProfile(Map.of(MmsInterface.MM4, badMm4),
                List.of(new FileFilterEntry("(", FileFilterMatch.FILE_NAME, PatternType.REGEX,
                        FileFilterAction.BLOCK, true)),
                -5, List.of(new BannedWord("x", PatternType.SIMPLE, -1)),
                List.of(new ChecksumEntry("bad", -2, true)));
        assertThat(p.validate()).extracting(ValidationProblem::path).containsExactly(
                "mm4.oversizeLimitKb", "fileFilter[0].pattern", "bannedWordThreshold", "bannedWords[0].score",
                "checksums[0].crc32");
        assertThat(p.validate().get(1).reason()).startsWith("regex does not compile");
    }

    @Test
    void missingInterfaceUsesTheAvroDefaults() {
        ScanProfile p = new ScanProfile(Map.of(), List.of(), 0, List.of(), List.of());
        assertThat(p.settings(MmsInterface.MM3)).isEqualTo(ScanSettings.DEFAULTS);
        assertThat(ScanSettings.DEFAULTS.oversizeLimitKb()).isEqualTo(10_240);
    }
}
