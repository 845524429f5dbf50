package io.mmsguard.codec.mm1;

import io.mmsguard.codec.MalformedMessageException;

import java.util.Arrays;

/**
 * Reads WSP primitives (WAP-230-WSP §8.4.2) from a window of a byte array. Every length read from the input is
 * checked against the octets left in the window before anything is allocated, so a hostile declared length can
 * never cost more memory than the input itself. Offsets in errors are absolute offsets in the original input.
 */
final class WspReader {
    static final int QUOTE = 0x7F;

    private final byte[] buf;
    private final int end;
    private int pos;

    WspReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    WspReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    int pos() {
        return pos;
    }

    int end() {
        return end;
    }

    int remaining() {
        return end - pos;
    }

    boolean hasMore() {
        return pos < end;
    }

    MalformedMessageException error(String message) {
        return new MalformedMessageException(message, pos);
    }

    int peek() {
        if (pos >= end) {
            throw error("unexpected end of data");
        }
        return buf[pos] & 0xFF;
    }

    int u8() {
        int b = peek();
        pos++;
        return b;
    }

    byte[] bytes(long n) {
        require(n, "octets");
        byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    void skip(long n) {
        require(n, "octets");
        pos += (int) n;
    }

    /** Copy of {@code n} octets at an absolute offset inside this window, without moving. */
    byte[] slice(int from, int n) {
        if (from < 0 || n < 0 || from + n > end) {
            throw error("slice outside the data");
        }
        return Arrays.copyOfRange(buf, from, from + n);
    }

    /** A sub-reader over the next {@code n} octets; this reader moves past them. */
    WspReader sub(long n) {
        require(n, "octets");
        WspReader r = new WspReader(buf, pos, pos + (int) n);
        pos += (int) n;
        return r;
    }

    private void require(long n, String what) {
        if (n < 0 || n > remaining()) {
            throw error("declared length " + n + " " + what + " exceeds the " + remaining() + " octets left");
        }
    }

    /** Uintvar: at most 5 octets and 32 bits; leading 0x80 octets (AOSP's non-minimal form) are accepted. */
    long uintvar() {
        int start = pos;
        long v = 0;
        for (int i = 0; i < 5; i++) {
            int b = u8();
            v = (v << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                if (v > 0xFFFFFFFFL) {
                    throw new MalformedMessageException("uintvar exceeds 32 bits", start);
                }
                return v;
            }
        }
        throw new MalformedMessageException("uintvar longer than 5 octets", start);
    }

    /** Uintvar used as a length: also bounded by the octets left. */
    int uintvarLength() {
        int start = pos;
        long v = uintvar();
        if (v > remaining()) {
            throw new MalformedMessageException("declared length " + v + " exceeds the " + remaining() + " octets left", start);
        }
        return (int) v;
    }

    /** Value-length = Short-length (0..30) | Length-quote (31) Uintvar; bounded by the octets left. */
    int valueLength() {
        int b = peek();
        if (b < 31) {
            pos++;
            if (b > remaining()) {
                pos--;
                throw error("value length " + b + " exceeds the " + remaining() + " octets left");
            }
            return b;
        }
        if (b == 31) {
            pos++;
            return uintvarLength();
        }
        throw error("expected a value length, found octet 0x" + Integer.toHexString(b));
    }

    /** Short-integer: one octet with the high bit set. */
    int shortInteger() {
        int b = peek();
        if (b < 0x80) {
            throw error("expected a short integer, found octet 0x" + Integer.toHexString(b));
        }
        pos++;
        return b & 0x7F;
    }

    /** Long-integer: Short-length (1..30) then that many big-endian octets; more than 8 is refused. */
    long longInteger() {
        int start = pos;
        int n = u8();
        if (n < 1 || n > 30) {
            throw new MalformedMessageException("bad long-integer length " + n, start);
        }
        if (n > 8) {
            throw new MalformedMessageException("long-integer of " + n + " octets exceeds 64 bits", start);
        }
        require(n, "octets");
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    /** Integer-Value = Short-integer | Long-integer, told apart by the first octet. */
    long integerValue() {
        return peek() >= 0x80 ? shortInteger() : longInteger();
    }

    /** Raw octets of a NUL-terminated string, without the terminator. */
    byte[] cString() {
        int start = pos;
        int i = pos;
        while (i < end && buf[i] != 0) {
            i++;
        }
        if (i >= end) {
            throw new MalformedMessageException("string without its terminating 0x00", start);
        }
        byte[] out = Arrays.copyOfRange(buf, pos, i);
        pos = i + 1;
        return out;
    }

    /** Text-string: optional Quote (0x7F), text, 0x00. Returns the raw octets with the quote removed. */
    byte[] textBytes() {
        int b = peek();
        if (b >= 0x80 || (b > 0 && b < 32)) {
            // 1-31 would be a length and 128-255 a short integer under the first-octet rule
            throw error("expected a text string, found octet 0x" + Integer.toHexString(b));
        }
        if (b == QUOTE) {
            pos++;
        }
        return cString();
    }

    String textString() {
        return Text.decodeDefault(textBytes());
    }

    /** Quoted-string (Content-ID): leading '"' optional, a trailing '"' added by some encoders is dropped. */
    String quotedString() {
        byte[] raw = cString();
        int from = raw.length > 0 && raw[0] == '"' ? 1 : 0;
        int to = raw.length;
        if (to > from && raw[to - 1] == '"') {
            to--;
        }
        if (from == 0 && raw.length > 0 && (raw[0] & 0xFF) == QUOTE) {
            from = 1;
        }
        return Text.decodeDefault(Arrays.copyOfRange(raw, from, Math.max(from, to)));
    }

    /**
     * Skips one value of unknown type by its first octet (PROTOCOLS.md §1.5): 0-30 that many octets, 31 a uintvar
     * length, 32-127 a string up to 0x00, 128-255 the octet itself. Returns the octets skipped.
     */
    byte[] skipValue() {
        int start = pos;
        int b = u8();
        if (b <= 30) {
            skip(b);
        } else if (b == 31) {
            skip(uintvarLength());
        } else if (b < 128) {
            pos--;
            cString();
        }
        return Arrays.copyOfRange(buf, start, pos);
    }

    /** Length of the next value under the first-octet rule, without moving. */
    int valueExtent() {
        int start = pos;
        try {
            skipValue();
            return pos - start;
        } finally {
            pos = start;
        }
    }
}
