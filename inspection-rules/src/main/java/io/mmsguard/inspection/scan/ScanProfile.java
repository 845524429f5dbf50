package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The content-scan part of an Avro {@code MmsProfile}, same field names: per-interface settings (mm1, mm3, mm4, mm7)
 * and the profile-wide lists. An interface missing from {@code interfaces} uses {@link ScanSettings#DEFAULTS}. These
 * are the settings every scanner may read (monitorOnly, removeBlocked) and those of the five built-in scanners; a
 * scanner added later brings its own settings record ({@code profile.ScannerDefinition}) instead of growing this one.
 */
public record ScanProfile(Map<MmsInterface, ScanSettings> interfaces, List<FileFilterEntry> fileFilter,
                          int bannedWordThreshold, List<BannedWord> bannedWords, List<ChecksumEntry> checksums) {

    public ScanProfile {
        interfaces = Map.copyOf(interfaces);
        fileFilter = List.copyOf(fileFilter);
        bannedWords = List.copyOf(bannedWords);
        checksums = List.copyOf(checksums);
    }

    public ScanSettings settings(MmsInterface mmsInterface) {
        return interfaces.getOrDefault(mmsInterface, ScanSettings.DEFAULTS);
    }

    /** Every problem at once, with Avro field paths, so that {@code mmsguard config apply} can list them all. */
    public List<ValidationProblem> validate() {
        List<ValidationProblem> problems = new ArrayList<>();
        interfaces.forEach((i, s) -> problems.addAll(s.validate(i.name().toLowerCase())));
        problems.addAll(FileFilter.validate(fileFilter));
        problems.addAll(BannedWordScanner.validate(bannedWordThreshold, bannedWords));
        problems.addAll(ChecksumScanner.validate(checksums));
        return problems;
    }

    /** @throws IllegalArgumentException listing every problem, unless the profile validates */
    public ScanProfile requireValid() {
        List<ValidationProblem> problems = validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid scan profile: " + problems);
        }
        return this;
    }
}
