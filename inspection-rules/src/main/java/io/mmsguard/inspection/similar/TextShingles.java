package io.mmsguard.inspection.similar;

import io.mmsguard.inspection.scan.WordTokens;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The word shingles of a normalised text, as 64-bit hashes: runs of {@code words} consecutive words <em>inside one
 * sentence</em>, so that reordering sentences changes nothing, and with every word that contains a digit read as
 * {@code #}, so that codes, amounts, random tokens and the random part of a URL change nothing either. A sentence
 * shorter than a shingle is one shingle. Words come from {@link WordTokens} (NFKC, lower case, punctuation and emoji
 * separate words), so the banned-word scanner and the fingerprint agree on what a word is.
 */
final class TextShingles {

    private final int words;

    TextShingles(int words) {
        if (words < 1) {
            throw new IllegalArgumentException("words must be at least 1");
        }
        this.words = words;
    }

    /** Adds the shingles of {@code text} to {@code into} until it holds {@code max}. */
    void addTo(Set<Long> into, String text, int max) {
        int start = 0;
        for (int i = 0; i <= text.length() && into.size() < max; i++) {
            if (i == text.length() || endsSentence(text.charAt(i))) {
                if (i > start) {
                    addSentence(into, WordTokens.of(text.substring(start, i), false), max);
                }
                start = i + 1;
            }
        }
    }

    private void addSentence(Set<Long> into, List<String> sentence, int max) {
        if (sentence.isEmpty()) {
            return;
        }
        int last = Math.max(0, sentence.size() - words);
        StringBuilder shingle = new StringBuilder();
        for (int s = 0; s <= last && into.size() < max; s++) {
            shingle.setLength(0);
            for (int w = s; w < Math.min(sentence.size(), s + words); w++) {
                shingle.append(placeholder(sentence.get(w))).append(' ');
            }
            into.add(Hashing.of(shingle));
        }
    }

    private static String placeholder(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isDigit(word.charAt(i))) {
                return "#";
            }
        }
        return word;
    }

    private static boolean endsSentence(char c) {
        return c == '.' || c == '!' || c == '?' || c == '\n' || c == '\r' || c == ';' || c == ':' || c == '\u2026'
                || c == '\u3002' || c == '\uFF01' || c == '\uFF1F' || c == '\u2022';
    }
}
