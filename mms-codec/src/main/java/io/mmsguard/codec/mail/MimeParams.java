package io.mmsguard.codec.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** RFC 2231 parameter continuations and charsets, plus the RFC 2047 words Outlook puts into {@code name=}. */
final class MimeParams {

    private MimeParams() {
    }

    static Map<String, String> decode(Map<String, String> raw) {
        return decode(raw, new java.util.TreeSet<>());
    }

    /**
     * Decodes the parameters and names in {@code conflicts} every parameter that arrived in more than one form
     * (plain, RFC 2231 extended, RFC 2231 sections) with values that differ once decoded: a receiver may read either
     * one, so a gateway cannot know which name or boundary the recipient will see.
     */
    static Map<String, String> decode(Map<String, String> raw, java.util.Set<String> conflicts) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> sections = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String name = e.getKey();
            boolean extended = name.endsWith("*");
            String base = extended ? name.substring(0, name.length() - 1) : name;
            int star = base.indexOf('*');
            if (star > 0 && base.substring(star + 1).matches("[0-9]{1,3}")) {
                sections.computeIfAbsent(base.substring(0, star), k -> new TreeMap<>())
                        .put(Integer.parseInt(base.substring(star + 1)), new String[] {e.getValue(), extended ? "*" : ""});
            } else if (extended) {
                agree(out, base, decodeExtended(e.getValue(), null), conflicts);
            } else {
                plain.putIfAbsent(base, HeaderText.decode(e.getValue()));
            }
        }
        sections.forEach((name, parts) -> {
            // the charset named in section 0 applies to every encoded section
            String[] first = parts.firstEntry().getValue();
            Charset charset = first[1].isEmpty() ? null : charsetOf(first[0]);
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<Integer, String[]> s : parts.entrySet()) {
                String v = s.getValue()[0];
                if (s.getValue()[1].isEmpty()) {
                    sb.append(v);
                } else if (s.getKey() == parts.firstKey()) {
                    sb.append(decodeExtended(v, null));
                } else {
                    sb.append(percentDecode(v, charset == null ? StandardCharsets.US_ASCII : charset));
                }
            }
            agree(out, name, sb.toString(), conflicts); // an RFC 2231 value wins over a plain one of the same name
        });
        plain.forEach((name, value) -> agree(out, name, value, conflicts));
        return out;
    }

    /** Keeps the first value of a name (2231 forms come first) and records a different second one as a conflict. */
    private static void agree(Map<String, String> out, String name, String value, java.util.Set<String> conflicts) {
        String before = out.putIfAbsent(name, value);
        if (before != null && !before.equals(value)) {
            conflicts.add(name);
        }
    }

    /** {@code charset'language'percent-encoded}; a value without the two quotes is taken as percent-encoded ASCII. */
    private static String decodeExtended(String v, Charset fallback) {
        int q1 = v.indexOf('\'');
        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
        if (q2 < 0) {
            return percentDecode(v, fallback == null ? StandardCharsets.US_ASCII : fallback);
        }
        Charset cs = charsetOf(v);
        return percentDecode(v.substring(q2 + 1), cs == null ? StandardCharsets.UTF_8 : cs);
    }

    private static Charset charsetOf(String extendedValue) {
        int q = extendedValue.indexOf('\'');
        if (q <= 0) {
            return null;
        }
        try {
            return Charset.forName(extendedValue.substring(0, q).strip());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String percentDecode(String s, Charset cs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(cs);
    }

    /** One parameter as written: a token, a quoted string, or {@code name*=utf-8''...} for non-ASCII values. */
    static String encode(String name, String value) {
        if (value.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?=".indexOf(c) < 0) && !value.isEmpty()) {
            return name + "=" + value;
        }
        if (value.chars().allMatch(c -> c >= 32 && c < 127)) {
            return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        StringBuilder sb = new StringBuilder(name).append("*=utf-8''");
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 32 && c < 127 && "()<>@,;:\\\"/[]?='%*".indexOf(c) < 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
