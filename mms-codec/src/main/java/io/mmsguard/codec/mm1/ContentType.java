package io.mmsguard.codec.mm1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A WSP Content-type-value: media type plus ordered parameters. Well-known codes are resolved to their names on
 * decode and chosen again on encode (exact, case-sensitive match only, as PROTOCOLS.md §1.9.1 asks), so the model
 * is the same whichever form the sender used.
 *
 * @param mediaType  media type as sent or as named by the well-known table
 * @param parameters parameters in wire order; names are lower case for well-known tokens
 */
public record ContentType(String mediaType, List<Parameter> parameters) {
    public static final String MULTIPART_RELATED = "application/vnd.wap.multipart.related";
    public static final String MULTIPART_MIXED = "application/vnd.wap.multipart.mixed";
    public static final String TEXT_PLAIN = "text/plain";
    public static final String SMIL = "application/smil";

    /**
     * One parameter. Charset values are charset names ({@code utf-8}) or a MIBenum in decimal when the number is
     * not known; integer values of other parameters are decimal strings.
     */
    public record Parameter(String name, String value) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public ContentType {
        Objects.requireNonNull(mediaType, "mediaType");
        parameters = List.copyOf(parameters);
    }

    public static ContentType of(String mediaType) {
        return new ContentType(mediaType, List.of());
    }

    public ContentType with(String name, String value) {
        List<Parameter> p = new ArrayList<>(parameters);
        p.add(new Parameter(name, value));
        return new ContentType(mediaType, p);
    }

    /** First value of a parameter (name compared case-insensitively), or null. */
    public String parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    public String charset() {
        String c = parameter("charset");
        return c == null ? null : c.toLowerCase(Locale.ROOT);
    }

    /** Multipart root Content-ID ({@code start}), or null. */
    public String start() {
        return parameter("start");
    }

    /** Multipart root type ({@code type}), or null. */
    public String type() {
        return parameter("type");
    }

    public boolean isMultipart() {
        String m = mediaType.toLowerCase(Locale.ROOT);
        return m.startsWith("application/vnd.wap.multipart.") || m.startsWith("multipart/");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(mediaType);
        for (Parameter p : parameters) {
            sb.append("; ").append(p.name()).append('=').append(p.value());
        }
        return sb.toString();
    }
}
