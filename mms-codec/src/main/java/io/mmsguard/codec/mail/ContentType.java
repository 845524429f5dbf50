package io.mmsguard.codec.mail;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteArrayBuffer;

/**
 * A structured MIME value with parameters ({@code Content-Type}, {@code Content-Disposition}), parameters already
 * joined and decoded per RFC 2231.
 *
 * @param value  the main value, lower case ({@code multipart/mixed}, {@code attachment})
 * @param params parameter names lower case, values decoded
 */
public record ContentType(String value, Map<String, String> params) {

    /** RFC 2045 default for an entity without Content-Type. */
    public static final ContentType DEFAULT = new ContentType("text/plain", Map.of("charset", "us-ascii"));

    public ContentType {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Parses a header value; null or a value without a type/subtype gives null. */
    public static ContentType parse(String header) {
        return parse(header, new java.util.TreeSet<>());
    }

    /**
     * Parses a header value like {@link #parse(String)} but refuses one that names a parameter twice with different
     * values (also across the plain and RFC 2231 forms, e.g. {@code filename="a.txt"; filename*=UTF-8''x.exe}, or two
     * boundaries): receivers differ in which one they take, so whichever the gateway scanned, another may be used.
     *
     * @throws io.mmsguard.codec.MalformedMessageException naming the conflicting parameters
     */
    public static ContentType parseStrict(String header) {
        java.util.Set<String> conflicts = new java.util.TreeSet<>();
        ContentType type = parse(header, conflicts);
        if (!conflicts.isEmpty()) {
            throw new io.mmsguard.codec.MalformedMessageException("conflicting values of the parameter(s) " + conflicts
                    + " in \"" + HeaderText.abbreviate(header) + "\"");
        }
        return type;
    }

    private static ContentType parse(String header, java.util.Set<String> conflicts) {
        if (header == null) {
            return null;
        }
        byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayBuffer buf = new ByteArrayBuffer(bytes, bytes.length, false);
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(buf, new ParserCursor(0, bytes.length));
        String value = body.getValue() == null ? "" : body.getValue().strip().toLowerCase(Locale.ROOT);
        Map<String, String> raw = new LinkedHashMap<>();
        for (NameValuePair p : body.getParams()) {
            if (p.getName() != null && !p.getName().isBlank()) {
                String name = p.getName().strip().toLowerCase(Locale.ROOT);
                String v = p.getValue() == null ? "" : p.getValue();
                String before = raw.putIfAbsent(name, v);
                if (before != null && !before.equals(v)) {
                    conflicts.add(name);
                }
            }
        }
        return new ContentType(value, MimeParams.decode(raw, conflicts));
    }

    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean isMultipart() {
        return value.startsWith("multipart/");
    }

    /** The header text: value plus parameters, quoted or RFC 2231 encoded as needed. */
    public String toHeaderText() {
        StringBuilder sb = new StringBuilder(value);
        params.forEach((k, v) -> sb.append("; ").append(MimeParams.encode(k, v)));
        return sb.toString();
    }
}
