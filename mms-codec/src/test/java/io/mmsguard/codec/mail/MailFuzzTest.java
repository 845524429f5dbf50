package io.mmsguard.codec.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Robustness: mutated mail must either parse or fail with {@link MalformedMessageException}, without hanging and
 * within bounded memory (the test JVM's heap is 1 GiB). Seed printed; set -Dmmsguard.fuzz.seed to replay.
 */
class MailFuzzTest {

    private static final int ITERATIONS = 100_000;
    /** Hang detector only (an input of at most 300 kB that takes this long is looping), not a speed check. */
    private static final long HANG_NANOS = 10_000_000_000L;
    /** Small limits keep each input cheap and make the limit paths fire often. */
    private static final DecodeLimits LIMITS = new DecodeLimits(256 * 1024, 64, 6, 64, 16 * 1024, 64, 16);

    private final List<byte[]> seeds = List.of(
            RealClientMailTest.thunderbird().getBytes(StandardCharsets.ISO_8859_1),
            RealClientMailTest.outlook().getBytes(StandardCharsets.ISO_8859_1),
            RealClientMailTest.thunderbird().replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1),
            io.mmsguard.codec.mm4.Mm4ExamplesTest.PLAY_FORWARD_REQ.getBytes(StandardCharsets.ISO_8859_1));

    @Test
    void mutatedInputsFailOnlyWithMalformedMessageException() {
        long seed = Long.getLong("mmsguard.fuzz.seed", 0x5EED_3A11L);
        System.out.println("MailFuzzTest seed=" + seed + " iterations=" + ITERATIONS);
        Random rnd = new Random(seed);
        MailParser parser = new MailParser(LIMITS);
        long start = System.nanoTime();
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(rnd, seeds.get(rnd.nextInt(seeds.size())));
            long t0 = System.nanoTime();
            try {
                MailMessage m = parser.parse(input);
                // what parses must also serialise, re-parse and classify without surprises
                MailWriter.write(m);
                io.mmsguard.codec.mm4.Mm4Reader.read(m);
                m.subject();
                m.date();
                parsed++;
            } catch (MalformedMessageException expected) {
                rejected++;
            } catch (Throwable t) {
                fail("iteration " + i + " (seed " + seed + ") threw " + t + " on input:\n"
                        + new String(input, 0, Math.min(input.length, 2000), StandardCharsets.ISO_8859_1), t);
            }
            long took = System.nanoTime() - t0;
            assertThat(took).as("iteration %d (seed %d) hung for %d ms", i, seed, took / 1_000_000).isLessThan(HANG_NANOS);
        }
        System.out.println("MailFuzzTest parsed=" + parsed + " rejected=" + rejected + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(parsed).isPositive();
        assertThat(rejected).isPositive();
    }

    static byte[] mutate(Random rnd, byte[] seed) {
        byte[] b = seed.clone();
        int rounds = 1 + rnd.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            b = switch (rnd.nextInt(14)) {
                case 0 -> randomBytes(rnd);
                case 1 -> java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncation
                case 2 -> flipBytes(rnd, b);
                case 3 -> insert(rnd, b, garbageHeaderLine(rnd));
                case 4 -> replaceAll(b, "--------------mx0Yt3x9kL2B8s7qWm1Z4p--", ""); // missing close delimiter
                case 5 -> replaceFirst(rnd, b, "--------------alt7Pq2Rv9Xz1Bc4Dn6Fh8", "--------------alt7Pq2Rv9Xz1Bc4Dn6Fh8\r\n--------------alt7Pq2Rv9Xz1Bc4Dn6Fh8"); // duplicated
                case 6 -> replaceAll(b, "boundary=", "boundary=x"); // boundary parameter no longer matches
                case 7 -> insert(rnd, b, "@@@!!!==%%%***".repeat(1 + rnd.nextInt(20)).getBytes(StandardCharsets.US_ASCII)); // bad base64/QP
                case 8 -> insert(rnd, b, ("=\r\n=ZZ=4=" + "=".repeat(rnd.nextInt(50))).getBytes(StandardCharsets.US_ASCII));
                case 9 -> insert(rnd, b, "x".repeat(rnd.nextInt(40_000)).getBytes(StandardCharsets.US_ASCII)); // huge line
                case 10 -> deepNesting(rnd);
                case 11 -> insert(rnd, b, ("\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n").getBytes(StandardCharsets.US_ASCII));
                case 12 -> insert(rnd, b, ("=?" + (rnd.nextBoolean() ? "utf-8" : "x-bogus") + "?" + (rnd.nextBoolean() ? "B" : "Q") + "?"
                        + "%%==?=" + "?=").getBytes(StandardCharsets.US_ASCII)); // broken encoded word
                default -> manyHeaders(rnd, b);
            };
            if (b.length > 300_000) {
                b = java.util.Arrays.copyOf(b, 300_000);
            }
        }
        return b;
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(2048)];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] flipBytes(Random rnd, byte[] b) {
        byte[] c = b.clone();
        for (int i = 0, n = 1 + rnd.nextInt(16); i < n && c.length > 0; i++) {
            int at = rnd.nextInt(c.length);
            c[at] = rnd.nextInt(3) == 0 ? (byte) "\r\n:;=\"-\t".charAt(rnd.nextInt(8)) : (byte) rnd.nextInt(256);
        }
        return c;
    }

    private static byte[] garbageHeaderLine(Random rnd) {
        String[] lines = {"\r\n: no name\r\n", "\r\nNo-Colon-Here\r\n", "\r\n\t continuation first\r\n", "\r\nContent-Type: ;;;==\r\n",
                "\r\nContent-Type: multipart/\r\n", "\r\nContent-Transfer-Encoding: base64\r\n", "\r\nContent-Disposition: attachment; filename*0*=bogus''%ZZ; filename*1=\r\n",
                "\r\nX-Mms-Message-Type: MM4_forward.REQ\r\n", "\r\nTo: <<<@@>>>, ,, \"unterminated\r\n", "\r\nDate: 99 Foo 20000 25:61:61 +9999\r\n"};
        return lines[rnd.nextInt(lines.length)].getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] insert(Random rnd, byte[] b, byte[] what) {
        int at = rnd.nextInt(b.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + what.length);
        out.write(b, 0, at);
        out.writeBytes(what);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static byte[] replaceAll(byte[] b, String from, String to) {
        return new String(b, StandardCharsets.ISO_8859_1).replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] replaceFirst(Random rnd, byte[] b, String from, String to) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(from);
        return at < 0 ? b : (s.substring(0, at) + to + s.substring(at + from.length())).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] deepNesting(Random rnd) {
        StringBuilder sb = new StringBuilder("Subject: nest\r\n");
        int depth = 1 + rnd.nextInt(200);
        for (int i = 0; i < depth; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=n").append(i).append("\r\n\r\n--n").append(i).append("\r\n");
        }
        sb.append("\r\nleaf\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            if (rnd.nextInt(4) != 0) {
                sb.append("--n").append(i).append("--\r\n");
            }
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] manyHeaders(Random rnd, byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = rnd.nextInt(200); i < n; i++) {
            sb.append("X-F").append(i).append(": ").append("v".repeat(rnd.nextInt(400))).append("\r\n");
        }
        return insert(new Random(rnd.nextLong()), b, sb.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
