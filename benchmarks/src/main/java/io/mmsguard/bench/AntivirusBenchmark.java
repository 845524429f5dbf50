package io.mmsguard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.mmsguard.bench.av.SignatureCorpus;
import io.mmsguard.inspection.av.AvLimits;
import io.mmsguard.inspection.av.ClamavSignatureEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The built-in antivirus engine on 30 kB buffers with a generated database ({@link SignatureCorpus}, seeded) of
 * 1,000 body and 10,000 MD5 signatures: clean random bytes (an image), clean text, clean content made of near
 * misses of the signatures' anchors ({@link SignatureCorpus#anchorRich}: the worst case for the cost per byte), and
 * random bytes with one body signature planted at three quarters of the buffer. A scan computes the MD5 of the whole buffer (the digest the
 * hash signatures use) and then runs the anchor automaton over the bytes up to the first verified match; the
 * baselines in the same run are one CRC32, one MD5 and one SHA-256 pass over the same bytes.
 *
 * <p>The crowded pair adds {@link #crowdedSignatures} signatures whose 12-byte anchors end with the same 8 zero bytes
 * (a database of padded signatures) and scans zero bytes, where every position passes the anchor filter and finds
 * them all sharing its gram, against the same engine on the random buffer: the ratio is what content repeating a
 * crowded gram costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AntivirusBenchmark {
    private static final int SIZE = 30_720;

    @Param("1000")
    int bodySignatures;
    @Param("10000")
    int hashSignatures;
    @Param("5000")
    int crowdedSignatures;

    private ClamavSignatureEngine engine;
    private byte[] cleanBinary;
    private byte[] cleanText;
    private byte[] infected;
    private byte[] anchorRich;
    private ClamavSignatureEngine crowdedEngine;
    private final byte[] zeros = new byte[SIZE];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SignatureCorpus corpus = new SignatureCorpus(20261125L);
        List<SignatureCorpus.BodySignature> bodies = corpus.bodySignatures(bodySignatures);
        cleanBinary = corpus.binary(SIZE);
        cleanText = corpus.text(SIZE);
        infected = corpus.binary(SIZE);
        anchorRich = corpus.anchorRich(bodies, SIZE);
        byte[] instance = corpus.instance(bodies.get(bodies.size() / 2));
        System.arraycopy(instance, 0, infected, SIZE * 3 / 4, instance.length);
        Path dir = Files.createTempDirectory("mmsguard-av-jmh");
        SignatureCorpus.writeDatabase(dir, bodies, corpus.hashLines(hashSignatures, List.of()));
        engine = ClamavSignatureEngine.fromDirectory(dir, AvLimits.DEFAULTS);
        check(engine.scan(cleanBinary).isEmpty() && engine.scan(cleanText).isEmpty()
                && engine.scan(anchorRich).isEmpty(), "clean buffers are clean");
        check(engine.scan(infected).isPresent(), "the infected buffer is flagged");
        Random random = new Random(20261206L);
        List<String> crowded = new ArrayList<>();
        for (int i = 0; i < crowdedSignatures; i++) {
            StringBuilder hex = new StringBuilder();
            for (int k = 0; k < 4; k++) {
                hex.append(String.format("%02x", 1 + random.nextInt(255)));
            }
            crowded.add("Crowded." + i + ":0:*:" + hex + "0000000000000000{2}4142");
        }
        Files.write(dir.resolve("crowded.ndb"), crowded, StandardCharsets.US_ASCII);
        crowdedEngine = ClamavSignatureEngine.fromDirectory(dir, AvLimits.DEFAULTS);
        check(crowdedEngine.scan(zeros).isEmpty() && crowdedEngine.scan(cleanBinary).isEmpty(),
                "zeros and random bytes are clean for the crowded database");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("setup: expected " + what);
        }
    }

    @Benchmark
    public Optional<String> scanCleanBinary() {
        return engine.scan(cleanBinary);
    }

    @Benchmark
    public Optional<String> scanCleanText() {
        return engine.scan(cleanText);
    }

    @Benchmark
    public Optional<String> scanAnchorRich() {
        return engine.scan(anchorRich);
    }

    @Benchmark
    public Optional<String> scanInfected() {
        return engine.scan(infected);
    }

    @Benchmark
    public Optional<String> scanZerosCrowded() {
        return crowdedEngine.scan(zeros);
    }

    @Benchmark
    public Optional<String> scanCleanBinaryCrowded() {
        return crowdedEngine.scan(cleanBinary);
    }

    @Benchmark
    public long baselineCrc32() {
        return Baselines.crc32(cleanBinary);
    }

    @Benchmark
    public byte[] baselineMd5() {
        return Baselines.digest("MD5", cleanBinary);
    }

    @Benchmark
    public byte[] baselineSha256() {
        return Baselines.digest("SHA-256", cleanBinary);
    }
}
