package io.mmsguard.inspection.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into lower-case words: maximal runs of letters, digits and combining marks, after NFKC normalisation.
 * Punctuation, spaces and symbols (emoji included) separate words, so "Casino!" and "casino😀" both contain "casino".
 * Invisible format characters (zero-width space and joiner, soft hyphen) are dropped rather than splitting, and NFKC
 * folds full-width and compatibility letters: both are cheap ways to hide a word from a naive filter. Scripts written
 * without spaces (CJK, Thai) form long runs here; such languages need REGEX patterns.
 */
public final class WordTokens {

    private WordTokens() {
    }

    public static List<String> of(String text, boolean keepWildcards) {
        // NFKC with the growth bound of the scanner's normalisation, so that a word list never costs more memory
        String folded = TextNormalizer.compatibilityFolded(text).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.FORMAT) {
                continue;
            }
            if (Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK || (keepWildcards && (cp == '*' || cp == '?'))) {
                word.appendCodePoint(cp);
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
