package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FileFilterTest {

    private static FileFilterEntry name(String p, FileFilterAction a) {
        return new FileFilterEntry(p, FileFilterMatch.FILE_NAME, PatternType.WILDCARD, a, true);
    }

    private static FileFilterEntry type(String p, PatternType t, FileFilterAction a) {
        return new FileFilterEntry(p, FileFilterMatch.CONTENT_TYPE, t, a, true);
    }

    private static ScanPart part(String contentType, String name) {
        return new ScanPart(1, contentType, name, null, new byte[] {1});
    }

    private static RegexBudget budget() {
        return RegexBudget.start(RegexLimits.DEFAULT, 0);
    }

    private static Optional<FileFilterEntry> decide(List<FileFilterEntry> entries, ScanPart part) {
        return new FileFilter(entries).evaluate(part, budget()).map(FileFilter.Match::entry);
    }

    @Test
    void fileNamePatternIsCaseInsensitive() {
        List<FileFilterEntry> f = List.of(name("*.exe", FileFilterAction.BLOCK));
        assertThat(decide(f, part("application/octet-stream", "SETUP.EXE"))).isPresent();
        assertThat(decide(f, part("application/octet-stream", "setup.exe"))).isPresent();
        assertThat(decide(f, part("application/octet-stream", "setup.exe.jpg"))).isEmpty();
        assertThat(decide(f, part("application/octet-stream", null))).isEmpty();
    }

    @Test
    void contentTypeExactAndWildcard() {
        List<FileFilterEntry> f = List.of(
                type("application/x-msdownload", PatternType.SIMPLE, FileFilterAction.BLOCK),
                type("image/*", PatternType.WILDCARD, FileFilterAction.INTERCEPT));
        assertThat(decide(f, part("application/x-msdownload", null))).map(FileFilterEntry::action)
                .hasValue(FileFilterAction.BLOCK);
        assertThat(decide(f, part("image/gif", "a.gif"))).map(FileFilterEntry::action)
                .hasValue(FileFilterAction.INTERCEPT);
        assertThat(decide(f, part("imagex/gif", null))).isEmpty();
        assertThat(decide(f, part("application/x-msdownload-not", null))).isEmpty();
    }

    @Test
    void fileNameEntriesRunBeforeContentTypeEntriesAndTheFirstMatchDecides() {
        List<FileFilterEntry> f = List.of(
                type("application/*", PatternType.WILDCARD, FileFilterAction.BLOCK),
                name("*.zip", FileFilterAction.ALLOW),
                name("*.z*", FileFilterAction.BLOCK));
        assertThat(decide(f, part("application/zip", "a.zip"))).map(FileFilterEntry::action)
                .hasValue(FileFilterAction.ALLOW);
        assertThat(decide(f, part("application/zip", "a.z7"))).map(FileFilterEntry::pattern).hasValue("*.z*");
        assertThat(decide(f, part("application/zip", "a.txt"))).map(FileFilterEntry::pattern)
                .hasValue("application/*");
    }

    @Test
    void disabledEntriesAndRegexEntries() {
        List<FileFilterEntry> f = List.of(
                new FileFilterEntry("*.jpg", FileFilterMatch.FILE_NAME, PatternType.WILDCARD, FileFilterAction.BLOCK, false),
                new FileFilterEntry(".*\\.(scr|pif)", FileFilterMatch.FILE_NAME, PatternType.REGEX,
                        FileFilterAction.BLOCK, true));
        assertThat(decide(f, part("image/jpeg", "a.jpg"))).isEmpty();
        assertThat(decide(f, part("application/octet-stream", "Game.SCR"))).isPresent();
        assertThat(decide(f, part("application/octet-stream", "game.scr.txt"))).isEmpty();
    }

    @Test
    void validationNamesTheField() {
        assertThat(FileFilter.validate(List.of(
                name("*.exe", FileFilterAction.BLOCK),
                new FileFilterEntry("([", FileFilterMatch.FILE_NAME, PatternType.REGEX, FileFilterAction.BLOCK, true),
                new FileFilterEntry(" ", null, PatternType.SIMPLE, null, true))))
                .extracting(ValidationProblem::path)
                .containsExactly("fileFilter[1].pattern", "fileFilter[2].pattern", "fileFilter[2].matchOn",
                        "fileFilter[2].action");
    }

    private static ScanPart carrying(String declared, String name, byte[] content) {
        return new ScanPart(2, declared, name, null, content);
    }

    private static final byte[] MZ = "MZ\u0090\u0000\u0003\u0000PE\u0000\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};

    @Test
    void anExecutableDeclaredAsTextOrImageIsJudgedByTheTypeDetectedFromItsContent() {
        List<FileFilterEntry> f = List.of(
                type("image/*", PatternType.WILDCARD, FileFilterAction.ALLOW),
                type("application/x-msdownload", PatternType.SIMPLE, FileFilterAction.BLOCK));
        FileFilter filter = new FileFilter(f);
        for (String declared : List.of("text/plain", "image/jpeg")) {
            Optional<FileFilter.Match> m = filter.evaluate(carrying(declared, "holiday.jpg", MZ), budget());
            assertThat(m).map(FileFilter.Match::entry).map(FileFilterEntry::action).as(declared)
                    .hasValue(FileFilterAction.BLOCK);
            assertThat(m.get().detectedType()).isEqualTo(ContentTypeDetector.PE);
            assertThat(filter.scanPart(carrying(declared, "holiday.jpg", MZ), new ScanContext(null, null, List.of(), budget()))).get()
                    .satisfies(finding -> assertThat(finding.detail()).contains("detected type application/x-msdownload"));
        }
        assertThat(filter.evaluate(carrying("image/jpeg", "holiday.jpg", JPEG), budget())).map(FileFilter.Match::entry)
                .map(FileFilterEntry::action).hasValue(FileFilterAction.ALLOW);
    }

    @Test
    void theStricterOfTheDeclaredAndTheDetectedVerdictWins() {
        List<FileFilterEntry> f = List.of(
                type("application/x-msdownload", PatternType.SIMPLE, FileFilterAction.BLOCK),
                type("image/*", PatternType.WILDCARD, FileFilterAction.INTERCEPT));
        FileFilter filter = new FileFilter(f);
        assertThat(filter.evaluate(carrying("application/x-msdownload", null, JPEG), budget())).as("declared blocks, content a jpeg")
                .map(FileFilter.Match::entry).map(FileFilterEntry::action).hasValue(FileFilterAction.BLOCK);
        assertThat(filter.evaluate(carrying("text/plain", null, JPEG), budget())).as("only the detected type matches")
                .map(FileFilter.Match::entry).map(FileFilterEntry::action).hasValue(FileFilterAction.INTERCEPT);
        assertThat(filter.evaluate(carrying("text/plain", null, "hello".getBytes()), budget())).isEmpty();
        assertThat(filter.reads(carrying("text/plain", null, null))).as("type entries need the content").isTrue();
        assertThat(new FileFilter(List.of(name("*.exe", FileFilterAction.BLOCK)))
                .reads(carrying("text/plain", null, null))).isFalse();
    }
}
