package io.mmsguard.inspection.scan;

import java.time.Duration;

/**
 * Bounds on one REGEX evaluation, the guard against catastrophic backtracking (e.g. {@code (a+)+$}).
 * <ul>
 * <li>{@code maxInputChars}: only this prefix of a text is given to regex patterns (SIMPLE and WILDCARD see it all).</li>
 * <li>{@code stepsPerChar}: budget of character reads by the matcher, per input char (plus a fixed 100 000); counting
 * reads rather than time makes the verdict on a given message the same on a loaded and an idle node.</li>
 * <li>{@code timeBudget}: a wall-clock backstop on top of the step budget, set well above what the step budget
 * allows on an idle node (about 0.3 s for 100 000 chars), so that it only fires on a badly overloaded one.</li>
 * </ul>
 */
public record RegexLimits(int maxInputChars, int stepsPerChar, Duration timeBudget) {

    public static final RegexLimits DEFAULT = new RegexLimits(100_000, 1_000, Duration.ofSeconds(1));

    public RegexLimits {
        if (maxInputChars <= 0 || stepsPerChar <= 0 || timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("regex limits must be positive");
        }
    }

    long stepBudget(int inputLength) {
        return 100_000L + (long) stepsPerChar * inputLength;
    }
}
