package io.mmsguard.codec.mm1;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes WSP primitives, always in their shortest form (Short-integer, Short-length) where one exists. */
final class WspWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] toByteArray() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    WspWriter u8(int b) {
        out.write(b & 0xFF);
        return this;
    }

    WspWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    WspWriter uintvar(long v) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("uintvar out of range: " + v);
        }
        int n = 1;
        while (n < 5 && (v >>> (7 * n)) != 0) {
            n++;
        }
        for (int i = n - 1; i >= 0; i--) {
            int b = (int) ((v >>> (7 * i)) & 0x7F);
            out.write(i == 0 ? b : b | 0x80);
        }
        return this;
    }

    WspWriter valueLength(int len) {
        if (len < 31) {
            out.write(len);
        } else {
            out.write(31);
            uintvar(len);
        }
        return this;
    }

    /** A value preceded by its Value-length. */
    WspWriter lengthPrefixed(byte[] value) {
        return valueLength(value.length).bytes(value);
    }

    WspWriter shortInteger(int v) {
        if (v < 0 || v > 127) {
            throw new IllegalArgumentException("short integer out of range: " + v);
        }
        return u8(0x80 | v);
    }

    WspWriter longInteger(long v) {
        int n = 1;
        while (n < 8 && (v >>> (8 * n)) != 0) {
            n++;
        }
        out.write(n);
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    WspWriter integerValue(long v) {
        return v >= 0 && v <= 127 ? shortInteger((int) v) : longInteger(v);
    }

    /** Text-string: quoted when its first octet could be read as a Short-integer or a length, or is the quote itself. */
    WspWriter textBytes(byte[] raw) {
        requireNoNul(raw);
        // also quoted: a leading control octet, which a reader would otherwise take for a length
        if (raw.length > 0 && ((raw[0] & 0xFF) >= 0x80 || (raw[0] & 0xFF) == WspReader.QUOTE || (raw[0] & 0xFF) < 32)) {
            out.write(WspReader.QUOTE);
        }
        out.writeBytes(raw);
        out.write(0);
        return this;
    }

    WspWriter textString(String s) {
        return textBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Token-text / plain C string: never quoted. */
    WspWriter cString(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        requireNoNul(raw);
        out.writeBytes(raw);
        out.write(0);
        return this;
    }

    private static void requireNoNul(byte[] raw) {
        for (byte b : raw) {
            if (b == 0) {
                throw new IllegalArgumentException("a text string cannot contain 0x00");
            }
        }
    }

    /** Token-text (header and parameter names): Latin-1, as the decoder reads it. */
    WspWriter tokenText(String s) {
        byte[] raw = s.getBytes(StandardCharsets.ISO_8859_1);
        requireNoNul(raw);
        out.writeBytes(raw);
        out.write(0);
        return this;
    }

    WspWriter quotedString(String s) {
        out.write('"');
        return cString(s);
    }
}
