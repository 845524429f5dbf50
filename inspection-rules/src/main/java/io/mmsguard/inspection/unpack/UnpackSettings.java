package io.mmsguard.inspection.unpack;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The Avro {@code UnpackSettings} of a profile, in plain form.
 *
 * @param enabled           unpack archive parts; off, an archive is one opaque part
 * @param limits            how far one attachment is unpacked
 * @param unscannableAction what an attachment that cannot be unpacked completely gets; null only when the profile
 *                          named a symbol this reader does not know (then a validation problem)
 */
public record UnpackSettings(boolean enabled, UnpackLimits limits, UnpackAction unscannableAction) {

    public static final UnpackSettings DEFAULTS = new UnpackSettings(true, UnpackLimits.DEFAULTS, UnpackAction.BLOCK);

    public List<ValidationProblem> validate(String path) {
        List<ValidationProblem> problems = new ArrayList<>(limits.validate(path));
        if (unscannableAction == null) {
            problems.add(new ValidationProblem(path + ".unscannableAction", "is required"));
        }
        return problems;
    }
}
