package io.mmsguard.codec.mm7;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.MessagePart;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Robustness: 100,000 mutated inputs (random bytes, truncations, bit flips, XML tag corruption, boundary
 * corruption, structure-aware damage to valid SubmitReqs) never make the decoder throw anything but
 * MalformedMessageException, never take long, and never yield more content than the input holds. The seed is
 * fixed and printed; override with -Dmm7.fuzz.seed=N and -Dmm7.fuzz.iterations=N.
 */
class Mm7FuzzTest {

    private static final long SEED = Long.getLong("mm7.fuzz.seed", 0x4D4D37_2026L);
    private static final int ITERATIONS = Integer.getInteger("mm7.fuzz.iterations", 100_000);
    private static final int MAX_INPUT = 16 * 1024;
    private static final long SLOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    private record Input(byte[] body, String contentType) {
    }

    private final Mm7Decoder decoder = new Mm7Decoder();
    private final Mm7Decoder tight = new Mm7Decoder(new DecodeLimits(8 * 1024, 4, 2, 16, 512, 4, 12));

    @Example // a jqwik example, since the seed generator draws valid SubmitReqs from jqwik arbitraries
    void mutatedInputsOnlyEverFailAsMalformed() {
        System.out.println("MM7 fuzz: seed=" + SEED + " iterations=" + ITERATIONS);
        Random random = new Random(SEED);
        List<Input> seeds = seeds(random);
        int malformed = 0;
        int decoded = 0;
        long slowest = 0;
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < ITERATIONS && failures.size() < 5; i++) {
            Input seed = seeds.get(random.nextInt(seeds.size()));
            Input input = mutate(seed, seeds, random);
            Mm7Decoder d = i % 10 == 0 ? tight : decoder;
            long t0 = System.nanoTime();
            try {
                Mm7Message m = d.decode(input.body(), input.contentType());
                long total = m.allParts().stream().mapToLong(MessagePart::size).sum();
                if (total > input.body().length) {
                    failures.add("iteration " + i + ": " + total + " content bytes from a " + input.body().length
                            + "-byte input");
                }
                decoded++;
            } catch (MalformedMessageException e) {
                malformed++;
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    failures.add("iteration " + i + ": MalformedMessageException without a message");
                }
            } catch (Throwable t) {
                failures.add("iteration " + i + ": " + t + "\n  content-type: " + input.contentType() + "\n  body: "
                        + Base64.getEncoder().encodeToString(input.body()));
            }
            long took = System.nanoTime() - t0;
            slowest = Math.max(slowest, took);
            if (took > SLOW_NANOS) {
                failures.add("iteration " + i + " took " + took / 1_000_000 + " ms");
            }
        }
        System.out.printf("MM7 fuzz: %d inputs in %d ms: %d decoded, %d malformed, slowest %.1f ms%n",
                decoded + malformed, (System.nanoTime() - start) / 1_000_000, decoded, malformed, slowest / 1e6);
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(decoded + malformed).isEqualTo(ITERATIONS);
        assertThat(decoded).as("mutations should leave some inputs decodable").isPositive();
        assertThat(malformed).as("mutations should break some inputs").isPositive();
    }

    private static List<Input> seeds(Random random) {
        List<Input> seeds = new ArrayList<>();
        Mm7Encoder encoder = new Mm7Encoder(() -> "fuzz-" + random.nextInt(1000));
        Arbitrary<Mm7Message> submits = Mm7Generators.submitReq();
        var generator = submits.generator(100);
        Random jr = new Random(random.nextLong());
        for (int i = 0; i < 40; i++) {
            Mm7Message m = generator.next(jr).value();
            Mm7HttpMessage http = encoder.encode(m);
            seeds.add(new Input(http.body(), http.contentType()));
        }
        for (String f : List.of("spec-submit-req.http", "spec-submit-req-errata.http")) {
            Vectors.Http h = Fixtures.http(f);
            seeds.add(new Input(h.body(), h.contentType()));
        }
        for (String f : List.of("spec-delivery-report-req.xml", "spec-read-reply-req.xml", "spec-cancel-req.xml")) {
            seeds.add(new Input(Fixtures.bytes(f), "text/xml"));
        }
        seeds.add(new Input(new byte[0], "text/xml"));
        return seeds;
    }

    private static Input mutate(Input seed, List<Input> seeds, Random r) {
        byte[] b = seed.body();
        String ct = seed.contentType();
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds; k++) {
            switch (r.nextInt(12)) {
                case 0 -> b = randomBytes(r);
                case 1 -> b = truncate(b, r);
                case 2 -> b = flip(b, r);
                case 3 -> b = corruptTag(b, r);
                case 4 -> b = corruptBoundary(b, ct, r);
                case 5 -> ct = contentType(ct, r);
                case 6 -> b = replace(b, r, "cid:", List.of("cid:x", "cid: ", "", "cid:%zz", "cid:%", "CID:"));
                case 7 -> b = removeFirstPart(b, ct);
                case 8 -> b = deepen(b, r);
                case 9 -> b = replace(b, r, "encoding=\"UTF-8\"", List.of("encoding=\"UTF-16\"", "encoding=\"EBCDIC-XX\"",
                        "encoding=\"x-bogus\"", "encoding=\"UTF-32\"", "standalone=\"no\" encoding=\"UTF-8\""));
                case 10 -> b = splice(b, seeds.get(r.nextInt(seeds.size())).body(), r);
                default -> b = replace(b, r, "base64", List.of("quoted-printable", "x-uuencode", "binary", "BASE64 ",
                        "7bit"));
            }
        }
        if (b.length > MAX_INPUT) {
            b = java.util.Arrays.copyOf(b, MAX_INPUT);
        }
        return new Input(b, ct);
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(512)];
        r.nextBytes(b);
        return b;
    }

    private static byte[] truncate(byte[] b, Random r) {
        return b.length == 0 ? b : java.util.Arrays.copyOf(b, r.nextInt(b.length));
    }

    private static byte[] flip(byte[] b, Random r) {
        byte[] c = b.clone();
        for (int n = 1 + r.nextInt(8); n > 0 && c.length > 0; n--) {
            int i = r.nextInt(c.length);
            c[i] = r.nextBoolean() ? (byte) (c[i] ^ (1 << r.nextInt(8))) : (byte) r.nextInt(256);
        }
        return c;
    }

    /** Damages markup around a random '<': drops it, its '>', swaps the name, or inserts stray markup. */
    private static byte[] corruptTag(byte[] b, Random r) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf('<', b.length == 0 ? 0 : r.nextInt(b.length));
        if (at < 0) {
            at = s.indexOf('<');
        }
        if (at < 0) {
            return b;
        }
        int close = s.indexOf('>', at);
        String[] junk = {"", "<", ">", "</x>", "<!--", "]]>", "<![CDATA[", "&", "&amp", "&#0;", "&#xD800;", "<?pi?>",
                "<!DOCTYPE x [<!ENTITY e 'ee'>]>", "\u00ff\u00fe", "<a xmlns:p='u' p:href='cid:z'>", "</env:Body>"};
        String j = junk[r.nextInt(junk.length)];
        String out = switch (r.nextInt(4)) {
            case 0 -> s.substring(0, at) + j + s.substring(at + 1);
            case 1 -> close < 0 ? s + j : s.substring(0, close) + j + s.substring(close + 1);
            case 2 -> s.substring(0, at) + j + s.substring(at);
            default -> close < 0 ? s : s.substring(0, at + 1) + "Zz" + s.substring(Math.min(close, at + 3));
        };
        return out.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] corruptBoundary(byte[] b, String ct, Random r) {
        String boundary = ct == null ? null : Mm7Decoder.parameter(ct, "boundary");
        if (boundary == null || boundary.isEmpty()) {
            return flip(b, r);
        }
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        List<Integer> hits = new ArrayList<>();
        for (int i = s.indexOf(delimiter); i >= 0 && hits.size() < 64; i = s.indexOf(delimiter, i + 1)) {
            hits.add(i);
        }
        if (hits.isEmpty()) {
            return b;
        }
        int at = hits.get(r.nextInt(hits.size()));
        String[] variants = {"-" + boundary, delimiter + "--", delimiter + "X", delimiter + " \t ", "",
                delimiter.substring(0, delimiter.length() / 2), delimiter + "\r\n" + delimiter};
        String v = variants[r.nextInt(variants.length)];
        return (s.substring(0, at) + v + s.substring(at + delimiter.length())).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String contentType(String ct, Random r) {
        String[] options = {null, "text/xml", "", ";;;", "multipart/related", "multipart/related; boundary=",
                "multipart/related; boundary=\"\"", "multipart/mixed; boundary=zz", "application/soap+xml",
                "multipart/related; boundary=\"" + "a".repeat(300) + "\"", "multipart/related; boundary=\"fuzz-1\"",
                ct == null ? "x" : ct.replace("start=", "Start=").replace("type=", "TYPE="),
                ct == null ? "x" : ct.replace("boundary=\"", "boundary=\"x"),
                ct == null ? "\r\n" : ct.replace("; ", ";\r\n\t")};
        return options[r.nextInt(options.length)];
    }

    private static byte[] replace(byte[] b, Random r, String what, List<String> with) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(what);
        if (at < 0) {
            return flip(b, r);
        }
        return (s.substring(0, at) + with.get(r.nextInt(with.size())) + s.substring(at + what.length()))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Cuts the first body part (normally the SOAP envelope), so the start part is missing. */
    private static byte[] removeFirstPart(byte[] b, String ct) {
        String boundary = ct == null ? null : Mm7Decoder.parameter(ct, "boundary");
        if (boundary == null || boundary.isEmpty()) {
            return b;
        }
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int first = s.indexOf(delimiter);
        int second = first < 0 ? -1 : s.indexOf(delimiter, first + 1);
        return second < 0 ? b : (s.substring(0, first) + s.substring(second)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Inserts a very deep element nest inside the Body (or anywhere). */
    private static byte[] deepen(byte[] b, Random r) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("<env:Body>");
        at = at < 0 ? (b.length == 0 ? 0 : r.nextInt(b.length)) : at + "<env:Body>".length();
        int depth = 10 + r.nextInt(2000);
        String nest = "<d>".repeat(depth) + (r.nextBoolean() ? "</d>".repeat(depth) : "");
        return (s.substring(0, at) + nest + s.substring(at)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] splice(byte[] b, byte[] other, Random r) {
        if (other.length == 0) {
            return b;
        }
        int from = r.nextInt(other.length);
        int len = Math.min(other.length - from, 1 + r.nextInt(2048));
        int at = b.length == 0 ? 0 : r.nextInt(b.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + len);
        out.write(b, 0, at);
        out.write(other, from, len);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }
}
