package io.mmsguard.inspection.unpack;

import java.util.Locale;

/** Why an attachment could not be unpacked completely. The limits are those of {@link UnpackLimits}. */
public enum UnpackProblem {
    ENCRYPTED, CORRUPT, DEPTH, ENTRIES, TOTAL_SIZE, MEMBER_SIZE, RATIO;

    /** Over a limit: a decompression bomb, or an archive built to look like one. */
    public boolean overLimit() {
        return this != ENCRYPTED && this != CORRUPT;
    }

    /** The metric tag and log word: {@code total-size}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
