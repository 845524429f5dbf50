package io.mmsguard.codec.mm1;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.LimitExceededException;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.Vectors;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutated PDUs never make the decoder throw anything but {@link MalformedMessageException}, never hang, and never
 * allocate by a declared length (a 4 GB declared length must fail fast). Whatever decodes must also re-encode and
 * decode to the same model.
 */
class Mm1FuzzTest {
    private static final long SEED = Long.getLong("mm1.fuzz.seed", 0x5EEDF00DL);
    private static final int ITERATIONS = Integer.getInteger("mm1.fuzz.iterations", 120_000);
    private static final DecodeLimits TIGHT = new DecodeLimits(1 << 20, 8, 3, 64, 4096, 16, 16);

    @Test
    void mutatedInputsFailOnlyWithMalformedMessageException() {
        System.out.println("Mm1FuzzTest seed=0x" + Long.toHexString(SEED) + " iterations=" + ITERATIONS);
        List<byte[]> seeds = seeds();
        Mm1Decoder lenient = new Mm1Decoder();
        Mm1Decoder tight = new Mm1Decoder(TIGHT);
        int[] outcome = new int[3];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random rnd = new Random(SEED);
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] in = mutate(rnd, seeds.get(rnd.nextInt(seeds.size())));
                Mm1Decoder d = (i & 1) == 0 ? lenient : tight;
                try {
                    MmsPdu pdu = d.decode(in);
                    outcome[0]++;
                    pdu.parts();
                    // the encoder applies the order rule, so a mutant with headers out of order comes back reordered:
                    // compare as a multiset once, then exactly after a second round trip
                    MmsPdu again = lenient.decode(Mm1Encoder.encode(pdu));
                    MmsPdu thrice = lenient.decode(Mm1Encoder.encode(again));
                    boolean same = again.headers().size() == pdu.headers().size()
                            && new java.util.HashSet<>(again.headers()).equals(new java.util.HashSet<>(pdu.headers()))
                            && again.multipart().equals(pdu.multipart())
                            && java.util.Arrays.equals(again.singleBody(), pdu.singleBody()) && thrice.equals(again);
                    if (!same) {
                        fail("round trip differs for input #" + i + " (seed 0x" + Long.toHexString(SEED) + "): "
                                + firstDifference(pdu, again) + "\ninput " + HexFormat.of().formatHex(in, 0, Math.min(in.length, 400)));
                    }
                } catch (LimitExceededException e) {
                    outcome[1]++;
                } catch (MalformedMessageException e) {
                    outcome[2]++;
                    if (e.getMessage().startsWith("internal decoder error")) {
                        throw new AssertionError("decoder bug on input #" + i + " (seed 0x" + Long.toHexString(SEED) + "): "
                                + HexFormat.of().formatHex(in), e.getCause());
                    }
                }
            }
        });
        System.out.printf("Mm1FuzzTest decoded=%d limit=%d malformed=%d%n", outcome[0], outcome[1], outcome[2]);
        assertThat(outcome[0] + outcome[1] + outcome[2]).isEqualTo(ITERATIONS);
        assertThat(outcome[0]).as("some mutants still decode").isGreaterThan(ITERATIONS / 50);
        assertThat(outcome[2]).as("some mutants are rejected").isGreaterThan(ITERATIONS / 50);
    }

    @Test
    void hugeDeclaredLengthsFailFastWithoutAllocating() {
        Mm1Decoder d = new Mm1Decoder();
        // Subject with a 4 GB Value-length; multipart with a 4 GB part; 2^32-1 parts
        assertThatThrownBy(() -> d.decode(Mm1GoldenTest.bytes("8C 80 98 \"T\" 00 8D 92 96 1F 8F FF FF FF 7F EA 41 00")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> d.decode(Mm1GoldenTest.bytes("8C 84 8D 92 84 A3 01 02 8F FF FF FF 7F 83 41 41")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> d.decode(Mm1GoldenTest.bytes("8C 84 8D 92 84 A3 8F FF FF FF 7F 01 01 83 41")))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("maxParts");
    }

    @Test
    void deepNestingIsLimited() {
        byte[] inner = Mm1GoldenTest.bytes("01 01 01 83 41");
        for (int depth = 0; depth < 40; depth++) {
            // one entry: headers length 1 (the content type 0xA3, multipart.mixed), then the nested multipart
            inner = new WspWriter().uintvar(1).uintvar(1).uintvar(inner.length).u8(0xA3).bytes(inner).toByteArray();
        }
        byte[] pdu = new WspWriter().u8(0x8C).u8(0x84).u8(0x8D).u8(0x92).u8(0x84).u8(0xA3).bytes(inner).toByteArray();
        assertThatThrownBy(() -> new Mm1Decoder().decode(pdu)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("maxNestingDepth");
        assertThatThrownBy(() -> new Mm1Decoder(TIGHT).decode(pdu)).isInstanceOf(LimitExceededException.class);
    }

    private static String firstDifference(MmsPdu a, MmsPdu b) {
        List<MmsHeader> lost = new ArrayList<>(a.headers());
        lost.removeAll(b.headers());
        List<MmsHeader> gained = new ArrayList<>(b.headers());
        gained.removeAll(a.headers());
        if (!lost.isEmpty() || !gained.isEmpty()) {
            return "headers " + lost + " became " + gained;
        }
        if (a.headers().size() != b.headers().size()) {
            return "headers " + a.headers() + " became " + b.headers();
        }
        for (int i = 0; i < Math.min(a.multipart().size(), b.multipart().size()); i++) {
            if (!a.multipart().get(i).equals(b.multipart().get(i))) {
                return "part " + a.multipart().get(i) + " became " + b.multipart().get(i);
            }
        }
        return a + " became " + b;
    }

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>(Mm1RoundTripProperties.examplePdus().stream().map(Mm1Encoder::encode).toList());
        Path dir = Vectors.root().resolve("mm1");
        if (Files.isDirectory(dir)) {
            try (var s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toFile().length() < 32_000).toList()) {
                    seeds.add(Files.readAllBytes(p));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return seeds;
    }

    private static final byte[][] INTERESTING = {
        {0x1F, (byte) 0x8F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}, {(byte) 0x8F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, {0x1E}, {0x1F}, {0x00}, {0x7F},
        {(byte) 0x80}, {(byte) 0x84, (byte) 0xA3}, {0x01, 0x01, 0x01, (byte) 0xA3}, {0x22}, {(byte) 0xAE, 0x1F, 0x7F},
    };

    static byte[] mutate(Random rnd, byte[] seed) {
        byte[] b = seed.clone();
        int rounds = 1 + rnd.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            if (b.length == 0) {
                return randomBytes(rnd);
            }
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(9)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> b = java.util.Arrays.copyOf(b, at);
                case 3 -> b = splice(b, at, 0, new byte[] {(byte) rnd.nextInt(256)});
                case 4 -> b = splice(b, at, 0, INTERESTING[rnd.nextInt(INTERESTING.length)]);
                case 5 -> {
                    byte[] ins = INTERESTING[rnd.nextInt(INTERESTING.length)];
                    b = splice(b, at, Math.min(ins.length, b.length - at), ins);
                }
                case 6 -> b[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(32) : 0x80 | rnd.nextInt(128)); // lengths, short ints
                case 7 -> b = splice(b, at, Math.min(1 + rnd.nextInt(8), b.length - at), new byte[0]);
                default -> {
                    int len = Math.min(1 + rnd.nextInt(64), b.length - at);
                    b = splice(b, rnd.nextInt(b.length), 0, java.util.Arrays.copyOfRange(b, at, at + len));
                }
            }
        }
        return rnd.nextInt(50) == 0 ? randomBytes(rnd) : b;
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(200)];
        rnd.nextBytes(b);
        if (b.length > 1 && rnd.nextBoolean()) {
            b[0] = (byte) 0x8C;
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
