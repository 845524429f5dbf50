package io.mmsguard.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Recipients;
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
 * MM7 decode and encode of a typical ~30 kB SubmitReq (multipart/related: SOAP envelope + SMIL, text and a base64
 * image), against two baselines in the same run: one CRC32 pass over the same HTTP body, and a bare StAX walk of
 * the SOAP envelope alone (the JDK floor for the XML half of the work).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Mm7CodecBenchmark {
    private final Mm7Decoder decoder = new Mm7Decoder(DecodeLimits.DEFAULT);
    private final Mm7Encoder encoder = new Mm7Encoder();
    private final XMLInputFactory xml = XMLInputFactory.newFactory();
    private Mm7Message message;
    private Mm7HttpMessage http;
    private byte[] envelopeXml;

    @Setup
    public void setUp() {
        message = submitReq(21_000);
        http = encoder.encode(message);
        envelopeXml = encoder.encode(message.toBuilder().content(List.of()).contentRef(null).build()).body();
        xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    }

    static Mm7Message submitReq(int imageBytes) {
        byte[] image = new byte[imageBytes];
        new Random(42).nextBytes(image);
        List<MessagePart> parts = List.of(
                new MessagePart("application/smil", "utf-8", "smil.xml", "smil", null,
                        "<smil><body><par dur=\"5s\"><img src=\"cid:img\"/><text src=\"cid:txt\"/></par></body></smil>"
                                .getBytes(StandardCharsets.UTF_8)),
                new MessagePart("text/plain", "utf-8", "offer.txt", "txt", null,
                        "Your weekly offer \u2603".getBytes(StandardCharsets.UTF_8)),
                new MessagePart("image/jpeg", null, "offer.jpg", "img", null, image));
        return Mm7Message.builder(Mm7Operation.SUBMIT_REQ, Mm7Namespace.REL_5_MM7_1_2)
                .transactionId("vasp-42-1764000000")
                .vaspId("vasp42").vasId("offers")
                .senderAddress(Mm7Address.shortCode("4242"))
                .recipients(Mm7Recipients.to(Mm7Address.number("+15550100002"), Mm7Address.number("+15550100003")))
                .serviceCode("weekly-offer")
                .deliveryReport(true)
                .subject("Weekly offer")
                .contentRef(Mm7ContentRef.cid("content"))
                .content(parts)
                .build();
    }

    @Benchmark
    public Mm7Message decode() {
        return decoder.decode(http.body(), http.contentType());
    }

    @Benchmark
    public Mm7HttpMessage encode() {
        return encoder.encode(message);
    }

    @Benchmark
    public long baselineCrc32() {
        return Baselines.crc32(http.body());
    }

    @Benchmark
    public int baselineStaxEnvelopeWalk() throws XMLStreamException {
        XMLStreamReader r = xml.createXMLStreamReader(new ByteArrayInputStream(envelopeXml));
        int events = 0;
        while (r.hasNext()) {
            r.next();
            events++;
        }
        r.close();
        return events;
    }
}
