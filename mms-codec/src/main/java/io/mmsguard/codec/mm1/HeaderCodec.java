package io.mmsguard.codec.mm1;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads and writes one PDU header value by its {@link HeaderField.Kind}. Every well-known value is exactly one
 * unit of the first-octet rule (PROTOCOLS.md §1.5), so the decoder first delimits the value by that rule, then
 * interprets it; a value that does not fit its grammar is kept as a {@link RawValue} instead of failing the PDU
 * (robust-decoding rules, §1.12). Only a value whose delimiting length runs past the data is an error.
 */
final class HeaderCodec {
    private HeaderCodec() {
    }

    static MmsHeader decodeWellKnown(int code, WspReader r, DecodeLimits limits) {
        HeaderField field = HeaderField.byCode(code);
        String name = field != null ? field.headerName() : String.format("X-Wsp-Unknown-0x%02x", code);
        int extent = r.valueExtent();
        DecodeLimits.check("maxHeaderBytes", extent, limits.maxHeaderBytes());
        byte[] raw = r.slice(r.pos(), extent);
        WspReader v = r.sub(extent);
        if (field == null || field.kind() == HeaderField.Kind.RAW) {
            return new MmsHeader(code, name, new RawValue(raw));
        }
        try {
            Object value = decodeTyped(field.kind(), v);
            if (v.hasMore()) {
                throw v.error("octets left over in " + name);
            }
            return new MmsHeader(code, name, value);
        } catch (MalformedMessageException e) {
            if (field.kind() == HeaderField.Kind.CONTENT_TYPE) {
                throw e;
            }
            return new MmsHeader(code, name, new RawValue(raw));
        }
    }

    /** Textual (application) header: Token-text name, Text-string value. */
    static MmsHeader decodeTextual(WspReader r, DecodeLimits limits) {
        String name = new String(r.cString(), StandardCharsets.ISO_8859_1);
        int extent = r.valueExtent();
        DecodeLimits.check("maxHeaderBytes", extent, limits.maxHeaderBytes());
        if (r.peek() >= 0x80) {
            return new MmsHeader(MmsHeader.TEXTUAL, name, new RawValue(r.bytes(extent)));
        }
        return new MmsHeader(MmsHeader.TEXTUAL, name, r.textString());
    }

    static Object decodeTyped(HeaderField.Kind kind, WspReader v) {
        switch (kind) {
            case OCTET -> {
                int b = v.u8();
                if (b < 0x80) {
                    throw v.error("expected an octet value >= 0x80");
                }
                return b;
            }
            case OCTET_OR_TOKEN -> {
                return v.peek() >= 0x80 ? (Object) v.u8() : v.textString();
            }
            case LONG, INTEGER -> {
                return v.integerValue();
            }
            case TEXT -> {
                return v.textString();
            }
            case ENCODED_STRING -> {
                return encodedString(v);
            }
            case FROM -> {
                WspReader f = v.sub(v.valueLength());
                int token = f.u8();
                if (token == 0x81) {
                    if (f.hasMore()) {
                        throw f.error("octets after the insert-address token");
                    }
                    return FromAddress.insertAddress();
                }
                if (token != 0x80) {
                    throw f.error("bad From token 0x" + Integer.toHexString(token));
                }
                EncodedString a = encodedString(f);
                if (f.hasMore()) {
                    throw f.error("octets left over in From");
                }
                return new FromAddress(a);
            }
            case TIME -> {
                WspReader t = v.sub(v.valueLength());
                int token = t.u8();
                if (token != 0x80 && token != 0x81) {
                    throw t.error("bad time token 0x" + Integer.toHexString(token));
                }
                long value = t.integerValue();
                if (t.hasMore()) {
                    throw t.error("octets left over in time value");
                }
                return new MmsTime(token == 0x81, value);
            }
            case CONTENT_TYPE -> {
                return ContentTypeCodec.decode(v);
            }
            case COUNTED_STRING, COUNTED_DATE, TOKEN_STRING, TOKEN_INTEGER -> {
                WspReader p = v.sub(v.valueLength());
                long prefix = kind == HeaderField.Kind.TOKEN_STRING || kind == HeaderField.Kind.TOKEN_INTEGER ? p.u8() : p.integerValue();
                Object value = kind == HeaderField.Kind.COUNTED_STRING || kind == HeaderField.Kind.TOKEN_STRING ? encodedString(p) : (Object) p.integerValue();
                if (p.hasMore()) {
                    throw p.error("octets left over in value");
                }
                return new PrefixedValue(prefix, value);
            }
            default -> throw new IllegalStateException("kind " + kind);
        }
    }

    /** Encoded-string-value: Text-string, or Value-length Char-set Text-string (text may hold 0x00 in UTF-16). */
    static EncodedString encodedString(WspReader v) {
        int b = v.peek();
        if (b >= 32) {
            return new EncodedString(EncodedString.NO_CHARSET, v.textBytes());
        }
        if (b == 0) {
            // an empty Text-string is the single octet 0x00, which a Value-length of 0 would also read as
            v.u8();
            return new EncodedString(EncodedString.NO_CHARSET, new byte[0]);
        }
        WspReader s = v.sub(v.valueLength());
        int c = s.peek();
        if (c >= 32 && c < 0x80) {
            throw s.error("textual charset in encoded-string-value");
        }
        long mib = s.integerValue();
        if (mib > Integer.MAX_VALUE) {
            throw s.error("charset out of range");
        }
        if (s.hasMore() && s.peek() == WspReader.QUOTE) {
            s.u8();
        }
        byte[] text = s.bytes(s.remaining());
        if (text.length == 0 || text[text.length - 1] != 0) {
            throw s.error("encoded string without its terminating 0x00");
        }
        return new EncodedString((int) mib, Arrays.copyOf(text, text.length - 1));
    }

    static void encode(WspWriter w, MmsHeader h) {
        if (h.code() == MmsHeader.TEXTUAL) {
            w.tokenText(h.name());
            if (h.value() instanceof RawValue raw) {
                w.bytes(raw.bytes());
            } else {
                w.textString((String) h.value());
            }
            return;
        }
        w.u8(h.code());
        encodeValue(w, h.field(), h.value());
    }

    static void encodeValue(WspWriter w, HeaderField field, Object value) {
        HeaderField.Kind kind = field == null ? HeaderField.Kind.RAW : field.kind();
        if (value instanceof RawValue raw) {
            w.bytes(raw.bytes());
        } else if (value instanceof Integer octet) {
            w.u8(octet);
        } else if (value instanceof Long l) {
            if (kind == HeaderField.Kind.INTEGER) {
                w.integerValue(l);
            } else {
                w.longInteger(l);
            }
        } else if (value instanceof String s) {
            w.textString(s);
        } else if (value instanceof EncodedString e) {
            encodedString(w, e);
        } else if (value instanceof FromAddress f) {
            WspWriter inner = new WspWriter();
            if (f.isInsertAddress()) {
                inner.u8(0x81);
            } else {
                inner.u8(0x80);
                encodedString(inner, f.address());
            }
            w.lengthPrefixed(inner.toByteArray());
        } else if (value instanceof MmsTime t) {
            WspWriter inner = new WspWriter();
            inner.u8(t.relative() ? 0x81 : 0x80).longInteger(t.seconds());
            w.lengthPrefixed(inner.toByteArray());
        } else if (value instanceof ContentType ct) {
            ContentTypeCodec.encode(w, ct);
        } else if (value instanceof PrefixedValue p) {
            WspWriter inner = new WspWriter();
            if (kind == HeaderField.Kind.TOKEN_STRING || kind == HeaderField.Kind.TOKEN_INTEGER) {
                inner.u8((int) p.prefix());
            } else {
                inner.integerValue(p.prefix());
            }
            if (p.value() instanceof EncodedString e) {
                encodedString(inner, e);
            } else {
                inner.integerValue((Long) p.value());
            }
            w.lengthPrefixed(inner.toByteArray());
        } else {
            throw new IllegalArgumentException("unsupported header value type " + value.getClass().getName());
        }
    }

    static void encodedString(WspWriter w, EncodedString e) {
        if (e.charset() == EncodedString.NO_CHARSET) {
            w.textBytes(e.raw());
            return;
        }
        WspWriter inner = new WspWriter();
        inner.integerValue(e.charset());
        byte[] raw = e.raw();
        if (raw.length > 0 && ((raw[0] & 0xFF) >= 0x80 || (raw[0] & 0xFF) == WspReader.QUOTE)) {
            inner.u8(WspReader.QUOTE);
        }
        inner.bytes(raw).u8(0);
        w.lengthPrefixed(inner.toByteArray());
    }
}
