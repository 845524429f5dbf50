package io.mmsguard.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Mutations of valid traffic, each drawn from the input's own {@link Random} so that an input is reproduced from the
 * run's seed and its index alone: bit flips, interesting bytes, truncation, deletion, splices (of the same or another
 * seed), repeated and oversized slices, numbers off by one (lengths, Content-Length, SIZE, BDAT counts, binary
 * length octets), CR/LF injected (header injection, bare line ends) and odd encodings (NUL, overlong and invalid
 * UTF-8, 8-bit bytes). Pure: no sockets.
 */
final class Mutator {
    private static final byte[] INTERESTING = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, 0x1f, 0x20, '"',
        '<', '>', ':', ';', '=', '\\', '%', '.', '\r', '\n', (byte) 0xc0};
    private static final List<byte[]> INJECTIONS = List.of(ascii("\r\n"), ascii("\n"), ascii("\r"),
            ascii("\r\nX-Injected: yes\r\n"), ascii("\r\n\r\n"), ascii("\r\nContent-Length: 0\r\n"),
            ascii("\r\nTransfer-Encoding: chunked\r\n"), ascii("\r\n.\r\n"), ascii("\r\nRCPT TO:<x@evil.example>\r\n"),
            ascii("\n.\n"), ascii("\r\n\t folded"), ascii("\u0000"), new byte[] {(byte) 0xc0, (byte) 0xaf},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
            ascii("=?utf-8?B?Y2FzaW5v?="), ascii("%0d%0a"), ascii("=0D=0A"), ascii("--"), ascii("\r\n--"));

    private Mutator() {
    }

    /** {@code rounds} mutations in a row of {@code seed}; {@code others} are what splices take slices from. */
    static byte[] mutate(byte[] seed, int rounds, Random r, List<byte[]> others) {
        byte[] b = seed;
        for (int i = 0; i < rounds; i++) {
            b = once(b, r, others);
        }
        return b;
    }

    static byte[] once(byte[] b, Random r, List<byte[]> others) {
        if (b.length == 0) {
            return randomBytes(r, 1 + r.nextInt(64));
        }
        return switch (r.nextInt(12)) {
            case 0 -> flipBits(b, r);
            case 1 -> setByte(b, r);
            case 2 -> truncate(b, r);
            case 3 -> delete(b, r);
            case 4 -> splice(b, others.get(r.nextInt(others.size())), r);
            case 5 -> repeat(b, r, 2 + r.nextInt(8));
            case 6 -> repeat(b, r, 200 + r.nextInt(4000)); // oversized field
            case 7 -> numberOffByOne(b, r);
            case 8 -> binaryLengthOffByOne(b, r);
            case 9, 10 -> insert(b, r.nextInt(b.length + 1), INJECTIONS.get(r.nextInt(INJECTIONS.size())));
            default -> caseAndEncoding(b, r);
        };
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] flipBits(byte[] b, Random r) {
        byte[] c = b.clone();
        for (int i = 1 + r.nextInt(8); i > 0; i--) {
            int at = r.nextInt(c.length);
            c[at] ^= (byte) (1 << r.nextInt(8));
        }
        return c;
    }

    private static byte[] setByte(byte[] b, Random r) {
        byte[] c = b.clone();
        c[r.nextInt(c.length)] = INTERESTING[r.nextInt(INTERESTING.length)];
        return c;
    }

    private static byte[] truncate(byte[] b, Random r) {
        return java.util.Arrays.copyOf(b, r.nextInt(b.length));
    }

    private static byte[] delete(byte[] b, Random r) {
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + r.nextInt(Math.max(1, Math.min(64, b.length - from))));
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, from);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }

    private static byte[] splice(byte[] b, byte[] other, Random r) {
        if (other.length == 0) {
            return b;
        }
        int from = r.nextInt(other.length);
        int len = 1 + r.nextInt(Math.min(512, other.length - from));
        byte[] slice = java.util.Arrays.copyOfRange(other, from, from + len);
        int at = r.nextInt(b.length + 1);
        if (r.nextBoolean()) {
            return insert(b, at, slice);
        }
        // overwrite: the head of one, the tail of the other
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.write(other, from, other.length - from);
        return out.toByteArray();
    }

    private static byte[] repeat(byte[] b, Random r, int times) {
        int from = r.nextInt(b.length);
        int len = 1 + r.nextInt(Math.min(80, b.length - from));
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + len * times);
        out.write(b, 0, from + len);
        for (int i = 0; i < times; i++) {
            out.write(b, from, len);
        }
        out.write(b, from + len, b.length - from - len);
        return out.toByteArray();
    }

    /** A decimal number in the text (a length, a count, a port, a SIZE) one more or one less, or much larger. */
    private static byte[] numberOffByOne(byte[] b, Random r) {
        int start = r.nextInt(b.length);
        int at = -1;
        for (int i = 0; i < b.length; i++) {
            int p = (start + i) % b.length;
            if (Character.isDigit(b[p]) && (p == 0 || !Character.isDigit(b[p - 1]))) {
                at = p;
                break;
            }
        }
        if (at < 0) {
            return binaryLengthOffByOne(b, r);
        }
        int end = at;
        while (end < b.length && end - at < 18 && Character.isDigit(b[end])) {
            end++;
        }
        long n = Long.parseLong(new String(b, at, end - at, StandardCharsets.US_ASCII));
        long m = switch (r.nextInt(5)) {
            case 0 -> n + 1;
            case 1 -> n - 1;
            case 2 -> n * 1000 + 7;
            case 3 -> 0;
            default -> Long.MAX_VALUE;
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(ascii(Long.toString(m)));
        out.write(b, end, b.length - end);
        return out.toByteArray();
    }

    /** A byte that may be a binary length (a WSP value length or uintvar octet) one more or one less. */
    private static byte[] binaryLengthOffByOne(byte[] b, Random r) {
        byte[] c = b.clone();
        int at = r.nextInt(Math.min(c.length, 256)); // the MM1 headers and first part headers sit at the start
        c[at] += (byte) (r.nextBoolean() ? 1 : -1);
        return c;
    }

    private static byte[] caseAndEncoding(byte[] b, Random r) {
        byte[] c = b.clone();
        int from = r.nextInt(c.length);
        int to = Math.min(c.length, from + 1 + r.nextInt(32));
        int how = r.nextInt(3);
        for (int i = from; i < to; i++) {
            if (how == 0 && Character.isLetter(c[i])) {
                c[i] ^= 0x20; // swap case
            } else if (how == 1 && c[i] > 0x20 && c[i] < 0x7f) {
                c[i] |= (byte) 0x80; // 8-bit where 7-bit text was
            } else if (how == 2 && c[i] == ' ') {
                c[i] = '\t';
            }
        }
        return c;
    }

    static byte[] insert(byte[] b, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + what.length);
        out.write(b, 0, at);
        out.writeBytes(what);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
