package io.mmsguard.inspection.scan;

/**
 * One banned-word pattern; mirrors the Avro {@code BannedWord}. Every pattern is tried on every text, each decoded
 * from its own charset first.
 */
public record BannedWord(String pattern, PatternType patternType, BannedWordAction action, int score,
                         boolean enabled) {

    public BannedWord(String pattern, PatternType patternType, int score) {
        this(pattern, patternType, BannedWordAction.BLOCK, score, true);
    }
}
