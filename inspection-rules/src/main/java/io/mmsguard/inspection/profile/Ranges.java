package io.mmsguard.inspection.profile;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;

/** The one wording of "number out of range" for every rule of this package. */
final class Ranges {

    private Ranges() {
    }

    /** @return whether {@code value} is within {@code min}-{@code max}; adds a problem when it is not */
    static boolean check(String path, long value, long min, long max, List<ValidationProblem> problems) {
        if (value < min || value > max) {
            problems.add(new ValidationProblem(path, value + " is outside " + min + "-" + max));
            return false;
        }
        return true;
    }

    /** @return whether {@code value} is a known symbol (not null, not UNKNOWN); adds a problem when it is not */
    static boolean known(String path, Enum<?> value, List<ValidationProblem> problems) {
        if (value == null || "UNKNOWN".equals(value.name())) {
            problems.add(new ValidationProblem(path, value + " is not a known symbol"));
            return false;
        }
        return true;
    }
}
