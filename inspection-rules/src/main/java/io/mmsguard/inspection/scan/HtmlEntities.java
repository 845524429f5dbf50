package io.mmsguard.inspection.scan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves HTML character references the way a browser (and Python's {@code html.unescape}) does: every HTML5 named
 * reference, the legacy names without their semicolon, decimal and hexadecimal references with or without the
 * semicolon, the Windows-1252 meaning of {@code &#128;}..{@code &#159;}, U+FFFD for impossible code points, and
 * nothing for the control and non-characters browsers drop. A banned word spelt {@code &#115;pam} or
 * {@code sp&ZeroWidthSpace;am} is displayed as "spam", so it is matched as "spam".
 */
public final class HtmlEntities {

    private static final int LONGEST_NAME = 32;
    private static final Map<String, String> NAMES = load();
    /** What HTML5 makes of {@code &#128;}..{@code &#159;}: Windows-1252 (0 = the code point itself). */
    private static final char[] CP1252 = {
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178};

    private HtmlEntities() {
    }

    public static String decode(CharSequence in) {
        StringBuilder out = new StringBuilder(in.length());
        int n = in.length();
        int i = 0;
        while (i < n) {
            char c = in.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int next = i + 1 < n && in.charAt(i + 1) == '#' ? numeric(in, i, out) : named(in, i, out);
            if (next < 0) {
                out.append('&');
                i++;
            } else {
                i = next;
            }
        }
        return out.toString();
    }

    /** @return the index after the reference, or -1 when there is none at {@code amp} */
    private static int numeric(CharSequence in, int amp, StringBuilder out) {
        int n = in.length();
        int i = amp + 2;
        boolean hex = i < n && (in.charAt(i) == 'x' || in.charAt(i) == 'X');
        if (hex) {
            i++;
        }
        int start = i;
        long value = 0;
        while (i < n && Character.digit(in.charAt(i), hex ? 16 : 10) >= 0 && in.charAt(i) < 128) {
            if (value <= 0x10FFFF) {
                value = value * (hex ? 16 : 10) + Character.digit(in.charAt(i), hex ? 16 : 10);
            }
            i++;
        }
        if (i == start) {
            return -1;
        }
        if (i < n && in.charAt(i) == ';') {
            i++;
        }
        appendCodePoint(value, out);
        return i;
    }

    private static void appendCodePoint(long cp, StringBuilder out) {
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            out.append('\uFFFD');
        } else if (cp == 0x0D) {
            out.append('\r');
        } else if (cp >= 0x80 && cp <= 0x9F) {
            out.append(CP1252[(int) cp - 0x80]);
        } else if (!dropped((int) cp)) {
            out.appendCodePoint((int) cp);
        }
    }

    /** Controls and non-characters a browser does not display. */
    private static boolean dropped(int cp) {
        return (cp >= 0x01 && cp <= 0x08) || cp == 0x0B || (cp >= 0x0E && cp <= 0x1F) || (cp >= 0x7F && cp <= 0x9F)
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    /** @return the index after the reference, or -1 when there is none at {@code amp} */
    private static int named(CharSequence in, int amp, StringBuilder out) {
        int n = in.length();
        int i = amp + 1;
        int end = i;
        while (end < n && end - i < LONGEST_NAME && isNameChar(in.charAt(end))) {
            end++;
        }
        if (end == i) {
            return -1;
        }
        if (end < n && in.charAt(end) == ';') {
            String withSemicolon = NAMES.get(in.subSequence(i, end + 1).toString());
            if (withSemicolon != null) {
                out.append(withSemicolon);
                return end + 1;
            }
        }
        // The longest legacy name (one without ';' in the table) that the text starts with.
        for (int k = end; k > i; k--) {
            String legacy = NAMES.get(in.subSequence(i, k).toString());
            if (legacy != null) {
                out.append(legacy);
                return k;
            }
        }
        return -1;
    }

    private static boolean isNameChar(char c) {
        return c != '\t' && c != '\n' && c != '\f' && c != ' ' && c != '<' && c != '&' && c != '#' && c != ';';
    }

    private static Map<String, String> load() {
        Map<String, String> names = new HashMap<>(4096);
        try (InputStream in = HtmlEntities.class.getResourceAsStream("html-entities.tsv")) {
            if (in == null) {
                throw new IllegalStateException("html-entities.tsv missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                StringBuilder value = new StringBuilder();
                for (String hex : line.substring(tab + 1).split(" ")) {
                    value.appendCodePoint(Integer.parseInt(hex, 16));
                }
                names.put(line.substring(0, tab), value.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(names);
    }
}
