package io.mmsguard.inspection.scan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A REGEX pattern compiled once (case-insensitive, Unicode case folding) and evaluated under {@link RegexLimits}. The
 * matcher reads the input through a CharSequence that counts reads and checks a deadline, and aborts by throwing: the
 * only way to stop java.util.regex from the outside. Since Java 9 the matcher memoises some nested loops, so classic
 * patterns like {@code (a+)+$} are polynomial rather than exponential; polynomial on 100 000 chars is still a DoS.
 */
public final class GuardedRegex {

    /**
     * Result of one evaluation. BUDGET_EXCEEDED (step budget, deadline, or the matcher's recursion overflowing the
     * stack) means "unknown", never "no match".
     */
    public enum Result { MATCH, NO_MATCH, BUDGET_EXCEEDED }

    private final String source;
    private final Pattern pattern;
    private final RegexLimits limits;

    private GuardedRegex(String source, Pattern pattern, RegexLimits limits) {
        this.source = source;
        this.pattern = pattern;
        this.limits = limits;
    }

    public static GuardedRegex compile(String regex, RegexLimits limits) {
        return new GuardedRegex(regex, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), limits);
    }

    /** @return the compiler's message when the regex does not compile, for validation */
    public static Optional<String> syntaxError(String regex) {
        try {
            Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(e.getDescription() + " at index " + e.getIndex());
        }
    }

    public String source() {
        return source;
    }

    /** Whether the regex occurs anywhere in the text (banned words). */
    public Result find(CharSequence text) {
        return run(text, false);
    }

    /** Whether the regex matches the whole value (endpoint and file filter patterns). */
    public Result matchesWhole(CharSequence value) {
        return run(value, true);
    }

    private Result run(CharSequence text, boolean whole) {
        CharSequence input = text.length() > limits.maxInputChars() ? text.subSequence(0, limits.maxInputChars()) : text;
        Budget budget = new Budget(limits.stepBudget(input.length()), System.nanoTime() + limits.timeBudget().toNanos());
        Matcher m = pattern.matcher(new BudgetedChars(input, budget));
        try {
            return (whole ? m.matches() : m.find()) ? Result.MATCH : Result.NO_MATCH;
        } catch (BudgetExceeded e) {
            return Result.BUDGET_EXCEEDED;
        } catch (StackOverflowError e) {
            // java.util.regex recurses once per repetition of a group: "(a|aa)+" over a long run of "a" overflows the
            // stack. Unwinding is complete here (the matcher holds no locks or shared state), so this is safe to
            // report as "gave up" instead of killing the stream thread.
            return Result.BUDGET_EXCEEDED;
        }
    }

    private static final class Budget {
        private final long maxSteps;
        private final long deadlineNanos;
        private long steps;

        Budget(long maxSteps, long deadlineNanos) {
            this.maxSteps = maxSteps;
            this.deadlineNanos = deadlineNanos;
        }

        void step() {
            steps++;
            // nanoTime only every 4096 reads: it costs more than the read itself
            if (steps > maxSteps || ((steps & 0xFFF) == 0 && System.nanoTime() - deadlineNanos > 0)) {
                throw new BudgetExceeded();
            }
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    private record BudgetedChars(CharSequence text, Budget budget) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            budget.step();
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedChars(text.subSequence(start, end), budget);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
