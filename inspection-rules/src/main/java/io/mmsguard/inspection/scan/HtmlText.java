package io.mmsguard.inspection.scan;

import java.util.Locale;
import java.util.Set;

/**
 * The text of an HTML document as it is displayed, for the banned-word scanner: tags and comments removed, so that
 * {@code sp<b></b>am} reads "spam". A tag that starts a new block (paragraph, line break, cell...) separates words and
 * becomes a space; any other tag joins what surrounds it, as a browser shows it. Character references are left to
 * {@link HtmlEntities}. Where the markup is broken (a tag or comment that never ends) the rest is kept as text: seeing
 * more text can only find more, never hide a word.
 */
public final class HtmlText {

    private static final Set<String> BLOCK = Set.of("address", "article", "aside", "blockquote", "body", "br", "caption",
            "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
            "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "legend", "li", "main", "nav", "ol",
            "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr",
            "ul");

    private HtmlText() {
    }

    public static String strip(CharSequence html) {
        StringBuilder out = new StringBuilder(html.length());
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char next = html.charAt(i + 1);
            int end;
            if (startsWith(html, i, "<!--")) {
                int close = indexOf(html, "-->", i + 4);
                end = close < 0 ? -1 : close + 3;
            } else if (Character.isLetter(next) || next == '/' || next == '!' || next == '?') {
                end = tagEnd(html, i + 1);
                if (end > 0 && BLOCK.contains(tagName(html, i + 1))) {
                    out.append(' ');
                }
            } else {
                out.append(c);
                i++;
                continue;
            }
            if (end < 0) {
                out.append(html, i, n);
                break;
            }
            i = end;
        }
        return out.toString();
    }

    /** The index after the {@code >} that closes the tag, quoted attribute values skipped; -1 when none does. */
    private static int tagEnd(CharSequence html, int from) {
        char quote = 0;
        for (int i = from; i < html.length(); i++) {
            char c = html.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && html.charAt(i - 1) == '=') {
                quote = c;
            } else if (c == '>') {
                return i + 1;
            }
        }
        return -1;
    }

    private static String tagName(CharSequence html, int from) {
        int i = from < html.length() && html.charAt(from) == '/' ? from + 1 : from;
        int start = i;
        while (i < html.length() && Character.isLetterOrDigit(html.charAt(i))) {
            i++;
        }
        return html.subSequence(start, i).toString().toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(CharSequence s, int at, String prefix) {
        if (at + prefix.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (s.charAt(at + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(CharSequence s, String needle, int from) {
        for (int i = from; i + needle.length() <= s.length(); i++) {
            if (startsWith(s, i, needle)) {
                return i;
            }
        }
        return -1;
    }
}
