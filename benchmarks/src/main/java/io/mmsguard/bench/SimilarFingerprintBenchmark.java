package io.mmsguard.bench;

import io.mmsguard.bench.similar.Pictures;
import io.mmsguard.bench.similar.SimilarCorpus;
import io.mmsguard.inspection.scan.ScanPart;
import io.mmsguard.inspection.similar.ContentFingerprinter;
import io.mmsguard.inspection.similar.Fingerprint;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The similar-content fingerprint of a 30 kB message against SHA-256 of the same bytes (what the duplicate stage's
 * checksum costs), in the same run. 16 messages taken from the labelled corpus ({@link SimilarCorpus}, seed 19), each
 * a campaign text part (0.2-0.6 kB) and a JPEG picture (320-800 px wide) encoded at the size and quality that bring the message to 30 kB
 * (±1.5 kB); the benchmark takes them in turn. {@code text} and {@code picture} fingerprint one part alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimilarFingerprintBenchmark {
    static final int MESSAGE_BYTES = 30_000;
    private static final int MESSAGES = 16;

    private final ContentFingerprinter fingerprinter = ContentFingerprinter.standard();
    private final List<List<ScanPart>> messages = new ArrayList<>();
    private final List<byte[]> bytes = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(19);
        for (SimilarCorpus.Message m : new SimilarCorpus(19).generate(new SimilarCorpus.Size(8, 2, 1, 0))) {
            if (messages.size() == MESSAGES || m.kind() != SimilarCorpus.Kind.CAMPAIGN) {
                continue;
            }
            ScanPart text = m.parts().get(0);
            byte[] jpeg = pictureOf(MESSAGE_BYTES - text.content().length, random);
            if (jpeg != null) {
                List<ScanPart> parts = List.of(text, new ScanPart(1, "image/jpeg", "img.jpg", null, jpeg));
                messages.add(parts);
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                parts.forEach(p -> all.writeBytes(p.content()));
                bytes.add(all.toByteArray());
            }
        }
        if (messages.size() < MESSAGES) {
            throw new IllegalStateException("only " + messages.size() + " messages of 30 kB");
        }
    }

    /** A new picture encoded as JPEG at the size and quality whose bytes are closest to {@code target}, if within 1.5 kB. */
    private static byte[] pictureOf(int target, SplittableRandom random) {
        var composition = Pictures.composition(random);
        byte[] best = null;
        for (int width = 320; width <= 800; width += 80) {
            var image = Pictures.scaled(composition, width, width * 3 / 4);
            for (float q = 0.3f; q <= 0.98f; q += 0.04f) {
                byte[] jpeg = Pictures.jpeg(image, q);
                if (best == null || Math.abs(jpeg.length - target) < Math.abs(best.length - target)) {
                    best = jpeg;
                }
            }
        }
        return Math.abs(best.length - target) <= 1_500 ? best : null;
    }

    private int turn() {
        int i = next;
        next = (i + 1) % MESSAGES;
        return i;
    }

    @Benchmark
    public Fingerprint fingerprint() {
        return fingerprinter.fingerprint(messages.get(turn()));
    }

    @Benchmark
    public Fingerprint text() {
        return fingerprinter.fingerprint(messages.get(turn()).subList(0, 1));
    }

    @Benchmark
    public Fingerprint picture() {
        return fingerprinter.fingerprint(messages.get(turn()).subList(1, 2));
    }

    @Benchmark
    public byte[] sha256() {
        return Baselines.digest("SHA-256", bytes.get(turn()));
    }
}
