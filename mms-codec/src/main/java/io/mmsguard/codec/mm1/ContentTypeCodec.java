package io.mmsguard.codec.mm1;


import java.util.ArrayList;
import java.util.List;

/** Content-type-value and its parameters (WAP-230 §8.4.2.24; PROTOCOLS.md §1.8.1), also used for Content-Disposition parameters. */
final class ContentTypeCodec {
    private ContentTypeCodec() {
    }

    static ContentType decode(WspReader r) {
        int b = r.peek();
        if (b >= 0x80) {
            return ContentType.of(WellKnown.contentType(r.shortInteger()));
        }
        if (b >= 32) {
            return ContentType.of(r.textString());
        }
        WspReader v = r.sub(r.valueLength());
        int m = v.peek();
        String media = m >= 0x80 || m <= 30 ? WellKnown.contentType(v.integerValue()) : v.textString();
        return new ContentType(media, decodeParameters(v));
    }

    /** Parameters up to the end of the reader's window. */
    static List<ContentType.Parameter> decodeParameters(WspReader v) {
        List<ContentType.Parameter> params = new ArrayList<>();
        while (v.hasMore()) {
            params.add(decodeParameter(v));
        }
        return params;
    }

    private static ContentType.Parameter decodeParameter(WspReader v) {
        int b = v.peek();
        if (b >= 32 && b < 0x80) {
            String name = new String(v.cString(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return new ContentType.Parameter(name, untypedValue(v));
        }
        long token = v.integerValue();
        String name = token <= 0x7F ? WellKnown.parameterName((int) token) : null;
        if (name == null) {
            name = "token-0x" + Long.toHexString(token);
        }
        String value = switch (name) {
            case "charset" -> charsetValue(v);
            case "type" -> constrainedMedia(v);
            case "q" -> Long.toString(v.uintvar());
            default -> typedValue(v);
        };
        return new ContentType.Parameter(name, value);
    }

    private static String charsetValue(WspReader v) {
        int b = v.peek();
        if (b == 0x80) {
            v.u8();
            return "*";
        }
        if (b > 0x80 || b <= 30) {
            long mib = v.integerValue();
            String n = WspCharsets.name(mib);
            return n != null ? n : Long.toString(mib);
        }
        return v.textString();
    }

    private static String constrainedMedia(WspReader v) {
        int b = v.peek();
        return b >= 0x80 || b <= 30 ? WellKnown.contentType(v.integerValue()) : v.textString();
    }

    /** A typed value whose grammar we do not need: numbers as decimal, text as text, No-value as "". */
    private static String typedValue(WspReader v) {
        int b = v.peek();
        if (b == 0) {
            v.u8();
            return "";
        }
        if (b >= 0x80 || b <= 30) {
            return Long.toString(v.integerValue());
        }
        if (b == 31) {
            throw v.error("unsupported length-quoted parameter value");
        }
        return b == '"' ? v.quotedString() : v.textString();
    }

    private static String untypedValue(WspReader v) {
        return typedValue(v);
    }

    static void encode(WspWriter w, ContentType ct) {
        int code = WellKnown.contentTypeCode(ct.mediaType());
        if (ct.parameters().isEmpty()) {
            if (code >= 0 && code <= 127) {
                w.shortInteger(code);
                return;
            }
            if (code < 0) {
                w.textString(ct.mediaType());
                return;
            }
        }
        WspWriter inner = new WspWriter();
        if (code >= 0) {
            inner.integerValue(code);
        } else {
            inner.textString(ct.mediaType());
        }
        encodeParameters(inner, ct.parameters());
        w.lengthPrefixed(inner.toByteArray());
    }

    static void encodeParameters(WspWriter w, List<ContentType.Parameter> params) {
        for (ContentType.Parameter p : params) {
            int token = WellKnown.parameterToken(p.name());
            if (token < 0) {
                if (p.name().isEmpty()) {
                    throw new IllegalArgumentException("empty parameter name");
                }
                w.tokenText(p.name());
                textValue(w, p.value());
                continue;
            }
            w.shortInteger(token);
            switch (p.name()) {
                case "charset" -> {
                    if (p.value().equals("*")) {
                        w.u8(0x80);
                    } else if (WspCharsets.code(p.value()) >= 0 && p.value().equals(p.value().toLowerCase(java.util.Locale.ROOT))) {
                        // only the exact (lower-case) table name, so that a textual charset as sent survives
                        w.integerValue(WspCharsets.code(p.value()));
                    } else if (!p.value().isEmpty() && p.value().chars().allMatch(Character::isDigit) && p.value().length() < 10) {
                        w.integerValue(Long.parseLong(p.value()));
                    } else {
                        w.textString(p.value());
                    }
                }
                case "type" -> {
                    int c = WellKnown.contentTypeCode(p.value());
                    if (c >= 0 && c <= 127) {
                        w.shortInteger(c);
                    } else {
                        w.textString(p.value());
                    }
                }
                default -> textValue(w, p.value());
            }
        }
    }

    /** Text-value: an empty value is No-value (0x00), which decodes back to "". */
    private static void textValue(WspWriter w, String value) {
        w.textString(value);
    }

}
