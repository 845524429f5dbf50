package io.mmsguard.service.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the password in the user-info of every URL in a text ({@code https://user:secret@host} becomes
 * {@code https://user:***@host}; a user-info without a colon, often a token, becomes {@code ***}): for any URL, list
 * of URLs or message naming them that is logged, reported or put in an exception.
 */
public final class UserInfo {
    // The user-info ends at the authority's last '@' (a password may hold a raw '@'); the authority ends at / ? # or
    // whitespace.
    private static final Pattern AUTHORITY = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/?#\\s]*)@");

    private UserInfo() {
    }

    public static String mask(Object text) {
        if (text == null) {
            return "null";
        }
        Matcher m = AUTHORITY.matcher(text.toString());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String userInfo = m.group(2);
            int colon = userInfo.indexOf(':');
            String masked = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + masked + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
