package io.mmsguard.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
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
 * MM1 decode and encode of a typical ~30 kB m-send.req (SMIL, text, a 29 kB image), against a baseline in the
 * same run: one CRC32 pass over the same bytes, the cost of touching every byte once. Decoding includes
 * {@code parts()}, the view the scanners use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Mm1CodecBenchmark {
    private final Mm1Decoder decoder = new Mm1Decoder(DecodeLimits.DEFAULT);
    private byte[] data;
    private MmsPdu pdu;

    @Setup
    public void setUp() {
        pdu = sendReq(29_000);
        data = Mm1Encoder.encode(pdu);
    }

    static MmsPdu sendReq(int imageBytes) {
        byte[] image = new byte[imageBytes];
        new Random(42).nextBytes(image);
        byte[] smil = "<smil><body><par dur=\"5s\"><img src=\"photo.jpg\"/><text src=\"text.txt\"/></par></body></smil>"
                .getBytes(StandardCharsets.UTF_8);
        List<MmsPart> parts = List.of(
                MmsPart.of(ContentType.of(ContentType.SMIL), "smil", "smil.xml", smil),
                MmsPart.of(ContentType.of(ContentType.TEXT_PLAIN).with("charset", "utf-8"), "text", "text.txt",
                        "Caf\u00e9 tonight? \u263a".getBytes(StandardCharsets.UTF_8)),
                MmsPart.of(ContentType.of("image/jpeg"), "photo", "photo.jpg", image));
        ContentType related = ContentType.of(ContentType.MULTIPART_RELATED).with("start", "<smil>").with("type", ContentType.SMIL);
        return MmsPdus.sendReq("T-1764000000-42", MmsPdus.MMS_1_2, FromAddress.insertAddress(),
                List.of("+15550100002/TYPE=PLMN", "+15550100003/TYPE=PLMN"), "Holiday photo", related, parts);
    }

    @Benchmark
    public List<MessagePart> decode() {
        return decoder.decode(data).parts();
    }

    @Benchmark
    public byte[] encode() {
        return Mm1Encoder.encode(pdu);
    }

    @Benchmark
    public long baselineCrc32() {
        return Baselines.crc32(data);
    }
}
