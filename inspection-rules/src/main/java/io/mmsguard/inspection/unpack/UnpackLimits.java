package io.mmsguard.inspection.unpack;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * How far {@link Unpacker} goes into an attachment before it calls the attachment a bomb. Every limit counts bytes
 * actually inflated, never the sizes an archive declares.
 *
 * @param maxDepth       archives inside archives: 1 = the attachment's own members only, 2 = a zip in a zip, ...
 * @param maxEntries     entries (directories included) over all levels of one attachment
 * @param maxTotalBytes  bytes inflated from one message, all its attachments and levels together (so that many
 *                       attachments each under the limit cannot add up past it)
 * @param maxMemberBytes bytes of one member
 * @param maxRatio       bytes inflated over the attachment's own size; checked once more than
 *                       {@link #RATIO_FLOOR_BYTES} were inflated, since a small blank file compresses a thousandfold
 */
public record UnpackLimits(int maxDepth, int maxEntries, long maxTotalBytes, long maxMemberBytes, int maxRatio) {

    /** Below this many inflated bytes the ratio is not checked. */
    public static final long RATIO_FLOOR_BYTES = 1L << 20;

    /** The schema defaults ({@code UnpackSettings}). */
    public static final UnpackLimits DEFAULTS = new UnpackLimits(8, 1000, 32L << 20, 10L << 20, 100);

    public List<ValidationProblem> validate(String path) {
        List<ValidationProblem> problems = new ArrayList<>();
        positive(problems, path + ".maxDepth", maxDepth);
        positive(problems, path + ".maxEntries", maxEntries);
        positive(problems, path + ".maxTotalKb", maxTotalBytes);
        positive(problems, path + ".maxMemberKb", maxMemberBytes);
        positive(problems, path + ".maxRatio", maxRatio);
        if (maxMemberBytes > maxTotalBytes) {
            problems.add(new ValidationProblem(path + ".maxMemberKb", "must not exceed maxTotalKb"));
        }
        return problems;
    }

    private static void positive(List<ValidationProblem> problems, String path, long value) {
        if (value < 1) {
            problems.add(new ValidationProblem(path, "must be 1 or more, was " + value));
        }
    }
}
