package io.mmsguard.bench.av;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A seeded, reproducible ClamAV database and content for the antivirus benchmarks.
 *
 * <p>Body signatures ({@code .ndb}, target 0, any offset) are one to three segments of 6 to 24 bytes, half of them
 * binary and half printable ASCII (script-like strings), some with a {@code ??} inside a segment, joined by fixed
 * ({@code {n}}) or bounded ({@code {n-m}}) gaps. That is the subset both the built-in engine and clamd accept: every
 * part between variable gaps keeps a run of at least two exact bytes, no alternatives (ClamAV 1.4 and the built-in
 * engine differ on alternatives of unequal lengths), no gap at either end. Hash signatures ({@code .hdb}) are MD5s
 * of random sizes around the content sizes, so a scan has to compute the MD5 of most contents.
 */
public final class SignatureCorpus {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] WORDS = {"hello", "meeting", "tomorrow", "photo", "holiday", "beach", "family",
        "dinner", "tonight", "weekend", "birthday", "party", "call", "me", "later", "see", "you", "soon", "the",
        "and", "with", "please", "thanks", "invoice", "attached", "office", "report", "train", "station"};

    /** A segment's bytes (-1 for {@code ??}) or a gap of {@code min..max} bytes. */
    private sealed interface Element permits Segment, Gap {
    }

    private record Segment(int[] bytes) implements Element {
    }

    private record Gap(int min, int max) implements Element {
    }

    /** One body signature: its name, its {@code .ndb} line and how to build content that matches it. */
    public record BodySignature(String name, String line, List<Element> elements) {
    }

    private final Random random;

    public SignatureCorpus(long seed) {
        this.random = new Random(seed);
    }

    /** Generates {@code count} body signatures named {@code MmsGuard.Bench.Body.<i>}. */
    public List<BodySignature> bodySignatures(int count) {
        HexFormat hex = HexFormat.of();
        List<BodySignature> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean text = random.nextBoolean();
            int segments = 1 + random.nextInt(3);
            List<Element> elements = new ArrayList<>();
            StringBuilder pattern = new StringBuilder();
            for (int s = 0; s < segments; s++) {
                if (s > 0) {
                    Gap gap;
                    if (random.nextBoolean()) {
                        int n = 1 + random.nextInt(16);
                        gap = new Gap(n, n);
                        pattern.append('{').append(n).append('}');
                    } else {
                        int n = random.nextInt(8);
                        int m = n + 1 + random.nextInt(24);
                        gap = new Gap(n, m);
                        pattern.append('{').append(n).append('-').append(m).append('}');
                    }
                    elements.add(gap);
                }
                int length = 6 + random.nextInt(19);
                int[] bytes = new int[length];
                for (int b = 0; b < length; b++) {
                    bytes[b] = text ? ALNUM.charAt(random.nextInt(ALNUM.length())) : random.nextInt(256);
                }
                if (random.nextInt(10) < 3) {
                    bytes[2 + random.nextInt(length - 4)] = -1; // one ?? with exact bytes on both sides
                }
                for (int b : bytes) {
                    pattern.append(b < 0 ? "??" : hex.toHexDigits((byte) b));
                }
                elements.add(new Segment(bytes));
            }
            String name = "MmsGuard.Bench.Body." + i;
            bodies.add(new BodySignature(name, name + ":0:*:" + pattern, List.copyOf(elements)));
        }
        return List.copyOf(bodies);
    }

    /** {@code count} random MD5 lines of sizes from 1,000 to 60,000 bytes, plus {@code real} (md5:size:name). */
    public List<String> hashLines(int count, List<String> real) {
        HexFormat hex = HexFormat.of();
        List<String> lines = new ArrayList<>(real);
        byte[] md5 = new byte[16];
        for (int i = lines.size(); i < count; i++) {
            random.nextBytes(md5);
            lines.add(hex.formatHex(md5) + ":" + (1000 + random.nextInt(59_001)) + ":MmsGuard.Bench.Hash." + i);
        }
        return lines;
    }

    /** The {@code .hdb} line that flags exactly {@code content}. */
    public static String hashLine(byte[] content, String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + ":"
                    + content.length + ":" + name;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random bytes (an image or archive stands for this). */
    public byte[] binary(int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    /** Lines of ordinary lower-case words. */
    public byte[] text(int size) {
        StringBuilder t = new StringBuilder(size + 16);
        int line = 0;
        while (t.length() < size) {
            String w = WORDS[random.nextInt(WORDS.length)];
            t.append(w);
            line += w.length() + 1;
            if (line > 70) {
                t.append('\n');
                line = 0;
            } else {
                t.append(' ');
            }
        }
        t.setLength(size);
        return t.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Content made of near misses: the longest exact run of random signatures (the engine's anchor), one after
     * the other, alternately with the first and with the last byte changed. A matcher that walks anchor prefixes
     * (Aho-Corasick) goes deep on every one of them; a filter on the anchors' last bytes passes every other one and
     * has to compare it. Worst case for both, still clean.
     */
    public byte[] anchorRich(List<BodySignature> sigs, int size) {
        byte[] out = new byte[size];
        int at = 0;
        for (int n = 0; at < size; n++) {
            int[] run = longestRun(sigs.get(random.nextInt(sigs.size())));
            int changed = n % 2 == 0 ? 0 : run.length - 1;
            for (int k = 0; k < run.length && at < size; k++, at++) {
                out[at] = (byte) (k == changed ? run[k] ^ 0x55 : run[k]);
            }
        }
        return out;
    }

    private static int[] longestRun(BodySignature sig) {
        int[] best = new int[0];
        for (Element e : sig.elements()) {
            if (e instanceof Segment s) {
                int[] b = s.bytes();
                for (int start = 0, i = 0; i <= b.length; i++) {
                    if (i == b.length || b[i] < 0) {
                        if (i - start > best.length) {
                            best = java.util.Arrays.copyOfRange(b, start, i);
                        }
                        start = i + 1;
                    }
                }
            }
        }
        return best;
    }

    /** A concrete byte string that {@code sig} matches: wildcards and gaps filled with random bytes. */
    public byte[] instance(BodySignature sig) {
        List<Byte> out = new ArrayList<>();
        for (Element e : sig.elements()) {
            if (e instanceof Segment s) {
                for (int b : s.bytes()) {
                    out.add((byte) (b < 0 ? random.nextInt(256) : b));
                }
            } else if (e instanceof Gap g) {
                int n = g.min() + random.nextInt(g.max() - g.min() + 1);
                for (int i = 0; i < n; i++) {
                    out.add((byte) random.nextInt(256));
                }
            }
        }
        byte[] b = new byte[out.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = out.get(i);
        }
        return b;
    }

    /** Overwrites {@code content} with an instance of {@code sig} at a random position (the size stays). */
    public void plant(byte[] content, BodySignature sig) {
        byte[] instance = instance(sig);
        if (instance.length > content.length) {
            throw new IllegalArgumentException("content too small for " + sig.name());
        }
        System.arraycopy(instance, 0, content, random.nextInt(content.length - instance.length + 1),
                instance.length);
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Writes {@code bench.ndb} and {@code bench.hdb} into {@code dir}. */
    public static void writeDatabase(Path dir, List<BodySignature> bodies, List<String> hashLines)
            throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("bench.ndb"), bodies.stream().map(BodySignature::line).toList(),
                StandardCharsets.US_ASCII);
        Files.write(dir.resolve("bench.hdb"), hashLines, StandardCharsets.US_ASCII);
    }
}
