package io.mmsguard.codec.mm1;

import java.util.Objects;

/**
 * One PDU header in wire order. Well-known headers carry their wire code (0x80-0xFF) and a typed value:
 * {@link Integer} (one-octet enumerations, version, message type, attributes), {@link Long} (long integers,
 * dates, sizes, counts), {@link String} (Text-string: ids, URIs), {@link EncodedString}, {@link FromAddress},
 * {@link MmsTime}, {@link ContentType}, {@link PrefixedValue}, or {@link RawValue} for anything not understood.
 * Application (textual) headers have {@code code == TEXTUAL} and a {@link String} value.
 *
 * @param code  wire code (0x80|assigned number) or {@link #TEXTUAL}
 * @param name  header name (from {@link HeaderField} for well-known codes)
 * @param value typed value, never null
 */
public record MmsHeader(int code, String name, Object value) {
    public static final int TEXTUAL = -1;

    public MmsHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static MmsHeader of(HeaderField field, Object value) {
        return new MmsHeader(field.code(), field.headerName(), value);
    }

    public static MmsHeader textual(String name, String value) {
        return new MmsHeader(TEXTUAL, name, value);
    }

    public HeaderField field() {
        return HeaderField.byCode(code);
    }
}
