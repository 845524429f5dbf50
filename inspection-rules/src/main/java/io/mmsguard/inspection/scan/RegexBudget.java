package io.mmsguard.inspection.scan;

import java.util.List;

/**
 * The character reads all REGEX patterns of one message may still spend together, and a deadline. Once spent it
 * stays spent: every later evaluation reports {@link GuardedRegex.Result#BUDGET_EXCEEDED} at once, so one expensive
 * pattern cannot make the message cost more than its budget however many patterns follow. One per message, used by
 * one thread (a stream thread handles a message start to end); not thread-safe.
 */
public final class RegexBudget {

    private final long maxSteps;
    private final long deadlineNanos;
    private long steps;
    private boolean exhausted;

    private RegexBudget(long maxSteps, long deadlineNanos) {
        this.maxSteps = maxSteps;
        this.deadlineNanos = deadlineNanos;
    }

    /** A budget for a message with {@code textChars} characters of text, starting now. */
    public static RegexBudget start(RegexLimits limits, long textChars) {
        return new RegexBudget(limits.steps(textChars), System.nanoTime() + limits.time(textChars).toNanos());
    }

    /** A budget sized for the message the request describes: its subject and its inline text parts. */
    public static RegexBudget forMessage(RegexLimits limits, ScanRequest request) {
        return start(limits, textChars(request));
    }

    /**
     * An upper bound of the characters the banned-word scanner reads: the subject and the bytes of the inline text
     * parts (no charset decodes one byte to more than one character).
     */
    public static long textChars(ScanRequest request) {
        long chars = request.subject() == null ? 0 : request.subject().length();
        List<ScanPart> parts = request.parts();
        for (ScanPart p : parts) {
            if (p.hasContent() && TextDecoder.isText(p)) {
                chars += p.content().length;
            }
        }
        return chars;
    }

    public boolean exhausted() {
        return exhausted;
    }

    /** Steps spent so far (for measurements and logs). */
    public long used() {
        return steps;
    }

    public long max() {
        return maxSteps;
    }

    /** Spends one step. @throws Exceeded when the budget is spent or the deadline has passed */
    void step() {
        steps++;
        // nanoTime only every 4096 reads: it costs more than the read itself
        if (steps > maxSteps || ((steps & 0xFFF) == 0 && System.nanoTime() - deadlineNanos > 0)) {
            exhausted = true;
            throw Exceeded.INSTANCE;
        }
    }

    /** Ends the budget: a matcher gave up for another reason (its recursion overflowed the stack). */
    void exhaust() {
        exhausted = true;
    }

    /** Thrown through the matcher to stop it: the only way to stop java.util.regex from the outside. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Exceeded INSTANCE = new Exceeded();

        private Exceeded() {
            super("regex budget exceeded", null, false, false);
        }
    }
}
