package io.mmsguard.codec.mm1;

import java.io.ByteArrayOutputStream;

/** Lenient quoted-printable decoding (RFC 2045 §6.7): bad escapes are kept literally rather than failing. */
final class QuotedPrintable {
    private QuotedPrintable() {
    }

    static byte[] decode(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b != '=') {
                out.write(b);
                continue;
            }
            if (i + 1 < in.length && in[i + 1] == '\n') {
                i += 1;
            } else if (i + 2 < in.length && in[i + 1] == '\r' && in[i + 2] == '\n') {
                i += 2;
            } else if (i + 2 < in.length && Character.digit(in[i + 1], 16) >= 0 && Character.digit(in[i + 2], 16) >= 0) {
                out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
