package io.mmsguard.codec.mm1;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An Encoded-string-value: text octets plus the MIBenum they were declared in. The octets are kept as sent, so a
 * value in a charset this JVM does not know survives a decode/encode round trip unchanged.
 *
 * @param charset MIBenum, or {@link #NO_CHARSET} for a plain Text-string (no charset declared)
 * @param raw     text octets without quote and terminator; treat as immutable
 */
public record EncodedString(int charset, byte[] raw) {
    public static final int NO_CHARSET = -1;

    public EncodedString {
        Objects.requireNonNull(raw, "raw");
    }

    /** Plain Text-string for ASCII, UTF-8 (MIBenum 106) otherwise. */
    public static EncodedString of(String text) {
        return Text.isAscii(text) ? new EncodedString(NO_CHARSET, text.getBytes(StandardCharsets.US_ASCII))
                : new EncodedString(WspCharsets.UTF_8, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Text in the given charset (e.g. 1015 for UTF-16), for interop tests and unusual peers. */
    public static EncodedString of(String text, int mibEnum) {
        Charset cs = WspCharsets.charset(mibEnum);
        if (cs == null) {
            throw new IllegalArgumentException("charset not supported for encoding: MIBenum " + mibEnum);
        }
        return new EncodedString(mibEnum, text.getBytes(cs));
    }

    /** Decoded text; without a charset UTF-8 is tried, then Latin-1; an unknown charset gives Latin-1 of the octets. */
    public String text() {
        if (charset == NO_CHARSET) {
            return Text.decodeDefault(raw);
        }
        Charset cs = WspCharsets.charset(charset);
        if (cs == null) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
        return new String(raw, cs);
    }

    /** Charset name (lower case), null without a declared charset, or "mib-N" for an unknown MIBenum. */
    public String charsetName() {
        if (charset == NO_CHARSET) {
            return null;
        }
        String n = WspCharsets.name(charset);
        return n != null ? n : "mib-" + charset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedString e && e.charset == charset && Arrays.equals(e.raw, raw);
    }

    @Override
    public int hashCode() {
        return charset * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return charset == NO_CHARSET ? '"' + text() + '"' : charsetName() + ":\"" + text() + '"';
    }
}
