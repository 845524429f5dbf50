package io.mmsguard.notifier;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %name%} fields in notice subjects and texts, with the semantics of the inspection's replacement-message
 * templates ({@code io.mmsguard.inspection.decision.Template}): one pass, so a value that itself contains
 * {@code %sender%} is never expanded; field names are case-insensitive; a field without a value stays as written;
 * values lose control and line/paragraph separator characters (each becomes a space) and are cut to
 * {@link #MAX_VALUE_LENGTH} code points, the last three being "...".
 */
public final class NoticeTemplate {

    public static final int MAX_VALUE_LENGTH = 128;
    private static final Pattern FIELD = Pattern.compile("%([A-Za-z]+)%");

    private NoticeTemplate() {
    }

    /** @param values field values keyed by lower-case name */
    public static String fill(String template, Map<String, String> values) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String v = values.get(m.group(1).toLowerCase(Locale.ROOT));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : clean(v, MAX_VALUE_LENGTH)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One header line: every control or separator character becomes a space (also those of the template). */
    public static String headerLine(String text) {
        return clean(text, Integer.MAX_VALUE).strip();
    }

    static String clean(String value, int maxCodePoints) {
        int[] cps = value.codePoints().map(c -> isBreaking(c) ? ' ' : c).toArray();
        if (cps.length <= maxCodePoints) {
            return new String(cps, 0, cps.length);
        }
        return new String(cps, 0, maxCodePoints - 3) + "...";
    }

    private static boolean isBreaking(int c) {
        int t = Character.getType(c);
        return Character.isISOControl(c) || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
    }
}
