package io.mmsguard.inspection.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into lower-case words: maximal runs of letters, digits and combining marks. Punctuation and spaces
 * separate words, so "Casino!" and "(casino)" both contain the word "casino". Scripts written without spaces (CJK, Thai)
 * form long runs here; such languages need REGEX patterns.
 */
final class WordTokens {

    private WordTokens() {
    }

    static List<String> of(String text, boolean keepWildcards) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean wordChar = Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK
                    || Character.isSurrogate(c) || (keepWildcards && (c == '*' || c == '?'));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
        }
        if (start >= 0) {
            words.add(lower.substring(start));
        }
        return words;
    }
}
