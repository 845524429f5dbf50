package io.mmsguard.service.log;

/**
 * A value that came from the network (a header, an address, a subject, a VASP id, an SMTP argument), made safe to
 * log: it cannot start a new log line, hide text with control or direction characters, or fill the log. Control
 * characters, line and direction separators and the backslash are escaped ({@code \r}, {@code \n}, {@code \t},
 * {@code \\}, {@code \u001b}); more than {@link #MAX_CHARS} characters are cut, with a marker saying how many more
 * there were.
 */
public final class LogSafe {
    public static final int MAX_CHARS = 256;

    private LogSafe() {
    }

    public static String text(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        int end = Math.min(s.length(), MAX_CHARS);
        if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = null;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            String escaped = escape(c, s, i);
            if (escaped != null && out == null) {
                out = new StringBuilder(end + 16).append(s, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        String safe = out == null ? s.substring(0, end) : out.toString();
        return end < s.length() ? safe + "...[+" + (s.length() - end) + " chars]" : safe;
    }

    private static String escape(char c, String s, int i) {
        switch (c) {
            case '\r':
                return "\\r";
            case '\n':
                return "\\n";
            case '\t':
                return "\\t";
            case '\\':
                return "\\\\";
            default:
                break;
        }
        boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0);
        boolean layout = c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0xfeff;
        boolean loneSurrogate = Character.isHighSurrogate(c)
                ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
        return control || layout || loneSurrogate ? String.format("\\u%04x", (int) c) : null;
    }
}
