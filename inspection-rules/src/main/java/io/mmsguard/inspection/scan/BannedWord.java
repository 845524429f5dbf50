package io.mmsguard.inspection.scan;

/**
 * One banned-word pattern; mirrors the Avro {@code BannedWord}. {@code language} is carried for the profile mapping and
 * the UI but does not restrict matching: every pattern is tried on every text.
 */
public record BannedWord(String pattern, PatternType patternType, BannedWordAction action, int score,
                         String language, boolean enabled) {

    public BannedWord(String pattern, PatternType patternType, int score) {
        this(pattern, patternType, BannedWordAction.BLOCK, score, null, true);
    }
}
