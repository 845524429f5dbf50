package io.mmsguard.inspection.scan;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on the REGEX patterns of one message, the guard against catastrophic backtracking (e.g. {@code (a+)+$}).
 * Every REGEX pattern evaluated for a message (endpoint entries, file filter entries, banned words) draws on one
 * {@link RegexBudget}, sized here from the message's text: an attacker who makes one pattern expensive cannot buy
 * time for the others, and no input is cut off (every character of every text part is seen).
 * <ul>
 * <li>{@code baseSteps}: character reads by the matchers that every message gets (addresses, file names, a subject).</li>
 * <li>{@code stepsPerChar}: further reads per character of text (subject and text parts); counting reads rather than
 * time makes the verdict on a given message the same on a loaded and an idle node. The default, 200, is about 100
 * REGEX banned words of ordinary shape over the whole text: {@code RegexBudgetSizingTest} measured 1.6 reads per
 * character and pattern, so 20 patterns over 16 MiB of ordinary text spend 16% of it.</li>
 * <li>{@code baseTime} and {@code timePerMillionChars}: a wall-clock backstop on top of the step budget, set well
 * above what the step budget allows on an idle node, so that it only fires on a badly overloaded one (the 16 MiB
 * measurement above took about 20 s of the 85 s it allows, on a shared 2-core machine at a load average of 17).</li>
 * </ul>
 * Exhausting the budget is a scanner failure (temporary failure, or pass unscanned on a fail-open interface), never a
 * "no match".
 */
public record RegexLimits(long baseSteps, int stepsPerChar, Duration baseTime, Duration timePerMillionChars) {

    public static final RegexLimits DEFAULT =
            new RegexLimits(1_000_000, 200, Duration.ofSeconds(1), Duration.ofSeconds(5));

    public RegexLimits {
        Objects.requireNonNull(baseTime, "baseTime");
        Objects.requireNonNull(timePerMillionChars, "timePerMillionChars");
        if (baseSteps <= 0 || stepsPerChar <= 0 || baseTime.isNegative() || baseTime.isZero()
                || timePerMillionChars.isNegative()) {
            throw new IllegalArgumentException("regex limits must be positive");
        }
    }

    /** The steps one message with {@code textChars} characters of text may spend on all its patterns together. */
    public long steps(long textChars) {
        return saturatedAdd(baseSteps, saturatedMultiply(stepsPerChar, textChars));
    }

    /** The wall-clock backstop for the same message. */
    public Duration time(long textChars) {
        return baseTime.plusNanos(saturatedMultiply(timePerMillionChars.toNanos(), textChars) / 1_000_000);
    }

    private static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
