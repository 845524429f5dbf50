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

    private static Optional<FileFilterEntry> decide(List<FileFilterEntry> entries, ScanPart part) {
        return new FileFilter(entries).evaluate(part, RegexBudget.start(RegexLimits.DEFAULT, 0)).map(FileFilter.Match::entry);
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
}
