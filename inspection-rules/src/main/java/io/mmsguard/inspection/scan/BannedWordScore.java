package io.mmsguard.inspection.scan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Banned-word result of one message, kept whole for the inspection log and "explain".
 *
 * @param total          sum of the scores of the BLOCK patterns found, each counted once
 * @param matched        patterns found (BLOCK and EXEMPT), each once, with where it was first found
 * @param exemptBy       the first EXEMPT pattern found, or null
 * @param budgetExceeded REGEX patterns whose guard gave up on some text (their score is not in total)
 */
public record BannedWordScore(long total, int threshold, List<Found> matched, BannedWord exemptBy,
                              List<BannedWord> budgetExceeded) implements ScanEvidence {

    /** @param partIndex index of the text part it was found in, null for the subject */
    public record Found(BannedWord word, Integer partIndex) {
    }

    public BannedWordScore {
        matched = List.copyOf(matched);
        budgetExceeded = List.copyOf(budgetExceeded);
    }

    /** FortiOS blocks when the total exceeds the threshold; reaching it is not enough. */
    public boolean blocked() {
        return exemptBy == null && total > threshold;
    }

    public String describe() {
        String words = matched.stream()
                .map(f -> f.word().pattern() + (f.word().action() == BannedWordAction.EXEMPT ? "=exempt" : "=" + f.word().score())
                        + (f.partIndex() == null ? " (subject)" : " (part " + f.partIndex() + ")"))
                .collect(Collectors.joining(", "));
        String head = "score " + total + (blocked() ? " > " : " <= ") + "threshold " + threshold;
        if (exemptBy != null) {
            head = "exempt by " + exemptBy.pattern() + ", " + head;
        }
        return words.isEmpty() ? head : head + ": " + words;
    }
}
