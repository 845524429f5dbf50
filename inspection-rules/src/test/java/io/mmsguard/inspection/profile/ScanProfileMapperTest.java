package io.mmsguard.inspection.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.ChecksumEntry;
import io.mmsguard.avro.EndpointEntry;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.endpoint.EndpointAction;
import io.mmsguard.inspection.scan.BannedWordAction;
import io.mmsguard.inspection.scan.FileFilterAction;
import io.mmsguard.inspection.scan.FileFilterMatch;
import io.mmsguard.inspection.scan.MmsInterface;
import io.mmsguard.inspection.scan.OversizeAction;
import io.mmsguard.inspection.scan.PatternType;
import io.mmsguard.inspection.scan.ScanProfile;
import io.mmsguard.inspection.scan.ScanSettings;
import io.mmsguard.inspection.unpack.UnpackAction;
import io.mmsguard.inspection.unpack.UnpackLimits;
import io.mmsguard.inspection.unpack.UnpackSettings;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanProfileMapperTest {

    private static final MmsProfile FULL = MmsProfile.newBuilder().setName("p")
            .setMm1(InterfaceSettings.newBuilder().setAntivirus(false).setMonitorOnly(true).setOversizeLimitKb(300)
                    .setOversizeAction(io.mmsguard.avro.OversizeAction.PASS_UNSCANNED).build())
            .setMm3(InterfaceSettings.newBuilder().setFileFilter(false).setBannedWords(false).build())
            .setMm4(InterfaceSettings.newBuilder().setChecksum(false).setRemoveBlocked(true).build())
            .setBannedWordThreshold(25)
            .setBannedWords(List.of(
                    BannedWord.newBuilder().setPattern("\"free money\"").build(),
                    BannedWord.newBuilder().setPattern("cas+ino").setPatternType(io.mmsguard.avro.PatternType.REGEX)
                            .setScore(30).setEnabled(false).build(),
                    BannedWord.newBuilder().setPattern("newsletter").setPatternType(io.mmsguard.avro.PatternType.SIMPLE)
                            .setAction(io.mmsguard.avro.BannedWordAction.EXEMPT).setScore(0).build()))
            .setFileFilter(List.of(
                    FileFilterEntry.newBuilder().setPattern("*.exe").build(),
                    FileFilterEntry.newBuilder().setPattern("application/x-msdownload")
                            .setMatchOn(io.mmsguard.avro.FileFilterMatch.CONTENT_TYPE)
                            .setPatternType(io.mmsguard.avro.PatternType.SIMPLE)
                            .setAction(io.mmsguard.avro.FileFilterAction.INTERCEPT).setEnabled(false).build(),
                    FileFilterEntry.newBuilder().setPattern("safe\\.zip")
                            .setPatternType(io.mmsguard.avro.PatternType.REGEX)
                            .setAction(io.mmsguard.avro.FileFilterAction.ALLOW).build()))
            .setChecksums(List.of(ChecksumEntry.newBuilder().setName("bad.jpg").setCrc32(0xDEADBEEFL).build(),
                    ChecksumEntry.newBuilder().setName("old").setCrc32(7).setEnabled(false).build()))
            .build();

    @Test
    void mapsEveryScannerFieldWithTheSameValues() {
        ScanProfileMapper.Mapped<ScanProfile> mapped = ScanProfileMapper.scanProfile(FULL);

        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.value()).isEqualTo(new ScanProfile(
                Map.of(MmsInterface.MM1, new ScanSettings(false, true, true, true, true, false, 300,
                                OversizeAction.PASS_UNSCANNED),
                        MmsInterface.MM3, new ScanSettings(true, false, false, true, false, false, 10_240,
                                OversizeAction.BLOCK),
                        MmsInterface.MM4, new ScanSettings(true, true, true, false, false, true, 10_240,
                                OversizeAction.BLOCK),
                        MmsInterface.MM7, ScanSettings.DEFAULTS),
                List.of(new io.mmsguard.inspection.scan.FileFilterEntry("*.exe", FileFilterMatch.FILE_NAME,
                                PatternType.WILDCARD, FileFilterAction.BLOCK, true),
                        new io.mmsguard.inspection.scan.FileFilterEntry("application/x-msdownload",
                                FileFilterMatch.CONTENT_TYPE, PatternType.SIMPLE, FileFilterAction.INTERCEPT, false),
                        new io.mmsguard.inspection.scan.FileFilterEntry("safe\\.zip", FileFilterMatch.FILE_NAME,
                                PatternType.REGEX, FileFilterAction.ALLOW, true)),
                25,
                List.of(new io.mmsguard.inspection.scan.BannedWord("\"free money\"", PatternType.WILDCARD,
                                BannedWordAction.BLOCK, 10, true),
                        new io.mmsguard.inspection.scan.BannedWord("cas+ino", PatternType.REGEX,
                                BannedWordAction.BLOCK, 30, false),
                        new io.mmsguard.inspection.scan.BannedWord("newsletter", PatternType.SIMPLE,
                                BannedWordAction.EXEMPT, 0, true)),
                List.of(new io.mmsguard.inspection.scan.ChecksumEntry("bad.jpg", 0xDEADBEEFL, true),
                        new io.mmsguard.inspection.scan.ChecksumEntry("old", 7, false))));
    }

    @Test
    void avroDefaultsMapToTheScanDefaults() {
        ScanProfile p = ScanProfileMapper.scanProfile(MmsProfile.newBuilder().setName("p").build()).value();

        for (MmsInterface i : MmsInterface.values()) {
            assertThat(p.settings(i)).isEqualTo(ScanSettings.DEFAULTS);
        }
        assertThat(p.bannedWordThreshold()).isEqualTo(10);
    }

    @Test
    void unknownEnumSymbolsAreReportedWithTheirPathOnce() {
        MmsProfile p = MmsProfile.newBuilder(FULL)
                .setMm7(InterfaceSettings.newBuilder().setOversizeAction(io.mmsguard.avro.OversizeAction.UNKNOWN)
                        .build())
                .setBannedWords(List.of(BannedWord.newBuilder().setPattern("x")
                        .setPatternType(io.mmsguard.avro.PatternType.UNKNOWN)
                        .setAction(io.mmsguard.avro.BannedWordAction.UNKNOWN).build()))
                .setFileFilter(List.of(FileFilterEntry.newBuilder().setPattern("*.exe").build(),
                        FileFilterEntry.newBuilder().setPattern("*.com")
                                .setMatchOn(io.mmsguard.avro.FileFilterMatch.UNKNOWN)
                                .setAction(io.mmsguard.avro.FileFilterAction.UNKNOWN).build()))
                .build();

        assertThat(ScanProfileMapper.scanProfile(p).problems()).containsExactly(
                new ValidationProblem("mm7.oversizeAction", "UNKNOWN is not a known OversizeAction"),
                new ValidationProblem("fileFilter[1].matchOn", "UNKNOWN is not a known FileFilterMatch"),
                new ValidationProblem("fileFilter[1].action", "UNKNOWN is not a known FileFilterAction"),
                new ValidationProblem("bannedWords[0].patternType", "UNKNOWN is not a known PatternType"),
                new ValidationProblem("bannedWords[0].action", "UNKNOWN is not a known BannedWordAction"));
    }

    @Test
    void theStandardValidatorReportsScannerProblems() {
        MmsProfile p = MmsProfile.newBuilder(FULL)
                .setMm3(InterfaceSettings.newBuilder().setOversizeLimitKb(0).build())
                .setFileFilter(List.of(FileFilterEntry.newBuilder().setPattern("(")
                        .setPatternType(io.mmsguard.avro.PatternType.REGEX).build()))
                .setChecksums(List.of(ChecksumEntry.newBuilder().setName("neg").setCrc32(-1).build()))
                .build();

        List<ValidationProblem> problems = ProfileValidator.standard().validate(p, ProfileContext.STANDALONE);

        assertThat(problems).extracting(ValidationProblem::path)
                .containsExactly("mm3.oversizeLimitKb", "fileFilter[0].pattern", "checksums[0].crc32");
        assertThat(ProfileMapper.check(p, ProfileContext.STANDALONE).valid()).isFalse();
        assertThat(ProfileValidator.standard().validate(FULL, ProfileContext.STANDALONE)).isEmpty();
    }

    @Test
    void unpackSettingsMapInKibibytesWithTheSchemaDefaultsAndTheirProblemsUnderUnpack() {
        assertThat(ScanProfileMapper.unpack(MmsProfile.newBuilder().setName("p").build()).value())
                .isEqualTo(UnpackSettings.DEFAULTS);

        MmsProfile set = MmsProfile.newBuilder(FULL).setUnpack(io.mmsguard.avro.UnpackSettings.newBuilder()
                .setEnabled(false).setMaxDepth(2).setMaxEntries(50).setMaxTotalKb(4096).setMaxMemberKb(1024)
                .setMaxRatio(20).setUnscannableAction(io.mmsguard.avro.UnpackAction.PASS).build()).build();
        assertThat(ScanProfileMapper.unpack(set).value()).isEqualTo(new UnpackSettings(false,
                new UnpackLimits(2, 50, 4096L * 1024, 1024L * 1024, 20), UnpackAction.PASS));

        MmsProfile bad = MmsProfile.newBuilder(FULL).setUnpack(io.mmsguard.avro.UnpackSettings.newBuilder()
                .setMaxDepth(0).setMaxTotalKb(100).setMaxMemberKb(200)
                .setUnscannableAction(io.mmsguard.avro.UnpackAction.UNKNOWN).build()).build();
        assertThat(ProfileValidator.standard().validate(bad, ProfileContext.STANDALONE)).containsExactly(
                new ValidationProblem("unpack.unscannableAction", "UNKNOWN is not a known UnpackAction"),
                new ValidationProblem("unpack.maxDepth", "must be 1 or more, was 0"),
                new ValidationProblem("unpack.maxMemberKb", "must not exceed maxTotalKb"));
    }

    @Test
    void mapsEndpointListsAndReportsUnknownActions() {
        EndpointList avro = EndpointList.newBuilder().setName("vip").setEnabled(false).setEntries(List.of(
                EndpointEntry.newBuilder().setPattern("+4917*").setPatternType(io.mmsguard.avro.PatternType.WILDCARD)
                        .setAction(io.mmsguard.avro.EndpointAction.BLOCK).setLog(false).setArchive(true).build(),
                EndpointEntry.newBuilder().setPattern("+4930").setAction(io.mmsguard.avro.EndpointAction.EXEMPT_MASS_MMS)
                        .setEnabled(false).build())).build();
        EndpointList broken = EndpointList.newBuilder(avro).setEntries(List.of(EndpointEntry.newBuilder()
                .setPattern("x").setAction(io.mmsguard.avro.EndpointAction.UNKNOWN).build())).build();

        ScanProfileMapper.Mapped<io.mmsguard.inspection.endpoint.EndpointList> mapped =
                ScanProfileMapper.endpointList(avro);

        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.value()).isEqualTo(new io.mmsguard.inspection.endpoint.EndpointList("vip", false, List.of(
                new io.mmsguard.inspection.endpoint.EndpointEntry("+4917*", PatternType.WILDCARD, EndpointAction.BLOCK,
                        false, true, true),
                new io.mmsguard.inspection.endpoint.EndpointEntry("+4930", PatternType.SIMPLE,
                        EndpointAction.EXEMPT_MASS_MMS, true, false, false))));
        assertThat(ScanProfileMapper.endpointList(broken).problems()).containsExactly(
                new ValidationProblem("entries[0].action", "UNKNOWN is not a known EndpointAction"));
    }
}
