package io.mmsguard.inspection.scan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A REGEX pattern compiled once (case-insensitive, Unicode case folding) and evaluated on a {@link RegexBudget}, the
 * budget all patterns of one message share. The matcher reads the input through a CharSequence that spends one step
 * per read and checks the budget's deadline, and aborts by throwing: the only way to stop java.util.regex from the
 * outside. Since Java 9 the matcher memoises some nested loops, so classic patterns like {@code (a+)+$} are polynomial
 * rather than exponential; polynomial on a long text is still a DoS. The whole input is always given to the matcher:
 * a cut-off would let padding hide what follows it.
 */
public final class GuardedRegex {

    /**
     * Result of one evaluation. BUDGET_EXCEEDED (the message's step budget spent, its deadline passed, or the matcher's
     * recursion overflowing the stack) means "unknown", never "no match".
     */
    public enum Result { MATCH, NO_MATCH, BUDGET_EXCEEDED }

    private final String source;
    private final Pattern pattern;

    private GuardedRegex(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    public static GuardedRegex compile(String regex) {
        return new GuardedRegex(regex, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
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
    public Result find(CharSequence text, RegexBudget budget) {
        return run(text, false, budget);
    }

    /** Whether the regex matches the whole value (endpoint and file filter patterns). */
    public Result matchesWhole(CharSequence value, RegexBudget budget) {
        return run(value, true, budget);
    }

    private Result run(CharSequence text, boolean whole, RegexBudget budget) {
        if (budget.exhausted()) {
            return Result.BUDGET_EXCEEDED;
        }
        Matcher m = pattern.matcher(new BudgetedChars(text, budget));
        try {
            return (whole ? m.matches() : m.find()) ? Result.MATCH : Result.NO_MATCH;
        } catch (RegexBudget.Exceeded e) {
            return Result.BUDGET_EXCEEDED;
        } catch (StackOverflowError e) {
            // java.util.regex recurses once per repetition of a group: "(a|aa)+" over a long run of "a" overflows the
            // stack. Unwinding is complete here (the matcher holds no locks or shared state), so this is safe to
            // report as "gave up" instead of killing the stream thread. The message's regex evaluation is over.
            budget.exhaust();
            return Result.BUDGET_EXCEEDED;
        }
    }

    private record BudgetedChars(CharSequence text, RegexBudget budget) implements CharSequence {
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
