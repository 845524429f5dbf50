package io.mmsguard.inspection.scan;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A text as the banned-word scanner matches it: what a reader sees, not how it is encoded. In this order:
 * <ol>
 * <li>text/html only: markup removed ({@link HtmlText}), then character references resolved ({@link HtmlEntities});</li>
 * <li>Unicode compatibility forms folded (NFKC): full-width {@code ｓｐａｍ}, ligatures, circled and mathematical
 * letters read as the plain letters;</li>
 * <li>invisible characters removed: format characters (zero-width space, joiners, word joiner, byte order mark, soft
 * hyphen, directional marks...), variation selectors, the combining grapheme joiner and the Hangul fillers.</li>
 * </ol>
 * Linear in the text. NFKC may lengthen a text (one code point becomes up to 18), so it is applied in slices and a
 * slice that would grow more than {@link #MAX_GROWTH} times keeps its characters that grow more than that unfolded:
 * memory stays a small multiple of the input whatever the input.
 */
public final class TextNormalizer {

    static final int MAX_GROWTH = 4;
    private static final int SLICE = 1 << 16;

    private TextNormalizer() {
    }

    /** Whether a part's text is markup that {@link #normalize} should render: text/html. */
    public static boolean isMarkup(ScanPart part) {
        String type = part.contentType().toLowerCase(Locale.ROOT);
        return type.startsWith("text/html");
    }

    public static String normalize(String text, boolean markup) {
        String visible = markup ? HtmlEntities.decode(HtmlText.strip(text)) : text;
        return withoutInvisibles(compatibilityFolded(visible));
    }

    static String compatibilityFolded(String text) {
        if (Normalizer.isNormalized(text, Normalizer.Form.NFKC)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start < text.length()) {
            int end = sliceEnd(text, start);
            String slice = text.substring(start, end);
            String folded = Normalizer.normalize(slice, Normalizer.Form.NFKC);
            out.append(folded.length() <= MAX_GROWTH * slice.length() ? folded : foldedCodePointWise(slice));
            start = end;
        }
        return out.toString();
    }

    /**
     * Where the slice from {@code start} may end without changing what NFKC makes of the text: before an ASCII
     * character, which is a starter and never the second character of a composition. A text without one for another
     * slice length (no real text) is cut anyway, between two code points, to keep the slices bounded.
     */
    private static int sliceEnd(String text, int start) {
        int end = Math.min(text.length(), start + SLICE);
        int limit = Math.min(text.length(), end + SLICE);
        while (end < limit && text.charAt(end) >= 0x80) {
            end++;
        }
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end++;
        }
        return end;
    }

    /** The rare slice that grows too much: each code point folded alone, unless it grows more than allowed. */
    private static String foldedCodePointWise(String slice) {
        StringBuilder out = new StringBuilder(slice.length());
        slice.codePoints().forEach(cp -> {
            String one = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
            if (one.length() <= MAX_GROWTH) {
                out.append(one);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    static String withoutInvisibles(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (invisible(cp)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    private static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || cp == 0x034F // combining grapheme joiner
                || (cp >= 0x180B && cp <= 0x180F) // Mongolian variation selectors
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) // variation selectors
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 // Hangul fillers
                || cp == 0x17B4 || cp == 0x17B5; // Khmer inherent vowels
    }
}
