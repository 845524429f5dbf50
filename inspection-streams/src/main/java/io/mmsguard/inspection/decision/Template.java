package io.mmsguard.inspection.decision;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code %name%} fields of a replacement or notice template in one pass, so that a value containing
 * {@code %sender%} (attacker-chosen: a subject, a file name) is never expanded again. Fields the template names
 * but {@code values} does not know are left as written: an operator's typo stays visible instead of vanishing.
 * Values lose control characters (a CR/LF in a file name must not become an SMTP reply line or a header) and are
 * cut to {@link #MAX_VALUE_LENGTH} characters.
 */
public final class Template {

    public static final int MAX_VALUE_LENGTH = 128;
    private static final Pattern FIELD = Pattern.compile("%([A-Za-z]+)%");
    private static final String ELLIPSIS = "...";

    private Template() {
    }

    public static String fill(String template, Map<String, String> values) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String value = values.get(m.group(1).toLowerCase(java.util.Locale.ROOT));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : safe(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String safe(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH));
        value.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? ' ' : c));
        if (b.codePointCount(0, b.length()) <= MAX_VALUE_LENGTH) {
            return b.toString();
        }
        int end = b.offsetByCodePoints(0, MAX_VALUE_LENGTH - ELLIPSIS.length());
        return b.substring(0, end) + ELLIPSIS;
    }
}
