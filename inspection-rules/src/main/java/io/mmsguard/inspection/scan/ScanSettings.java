package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The content-scan fields of one interface's Avro {@code InterfaceSettings}, same names.
 *
 * @param monitorOnly     antivirus, file filter and banned-word findings are reported as MATCH and do not block
 * @param removeBlocked   part findings (file filter, virus, checksum) strip the part instead of blocking the message
 * @param oversizeLimitKb largest message scanned, in kB of 1024 bytes, 1-819200
 */
public record ScanSettings(boolean antivirus, boolean fileFilter, boolean bannedWords, boolean checksum,
                           boolean monitorOnly, boolean removeBlocked, int oversizeLimitKb,
                           OversizeAction oversizeAction) {

    public static final int MAX_OVERSIZE_LIMIT_KB = 819_200;

    /** The Avro defaults. */
    public static final ScanSettings DEFAULTS =
            new ScanSettings(true, true, true, true, false, false, 10_240, OversizeAction.BLOCK);

    public long oversizeLimitBytes() {
        return oversizeLimitKb * 1024L;
    }

    public List<ValidationProblem> validate(String path) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (oversizeLimitKb < 1 || oversizeLimitKb > MAX_OVERSIZE_LIMIT_KB) {
            problems.add(new ValidationProblem(path + ".oversizeLimitKb",
                    "must be 1-" + MAX_OVERSIZE_LIMIT_KB + ", was " + oversizeLimitKb));
        }
        if (oversizeAction == null) {
            problems.add(new ValidationProblem(path + ".oversizeAction", "is required"));
        }
        return problems;
    }
}
