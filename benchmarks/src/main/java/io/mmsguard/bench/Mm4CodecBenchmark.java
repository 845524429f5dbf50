package io.mmsguard.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MailParser;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.codec.mm4.Mm4ReadResult;
import io.mmsguard.codec.mm4.Mm4Reader;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeTokenStream;
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
 * MM4 (SMTP DATA of an MM4_forward.REQ, ~30 kB with a base64 image) parse and write, against two baselines in the
 * same run: one CRC32 pass over the same bytes (the cost of touching every byte once) and Mime4j's bare token walk
 * with body decoding (the library floor our model is built on).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Mm4CodecBenchmark {
    private byte[] data;
    private MailMessage parsed;
    private final MailParser parser = new MailParser(DecodeLimits.DEFAULT);

    @Setup
    public void setUp() {
        data = forwardReq(22_000).getBytes(StandardCharsets.ISO_8859_1);
        parsed = parser.parse(data);
    }

    /** An MM4_forward.REQ with a SMIL part, a text part and a base64 JPEG-like part of {@code imageBytes}. */
    static String forwardReq(int imageBytes) {
        byte[] image = new byte[imageBytes];
        new Random(42).nextBytes(image);
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(image);
        String boundary = "----=_Part_210936_2101044.1259765620911";
        return String.join("\r\n",
                "Message-ID: <10000001.1000000000001.JavaMail.mms@mms.example.net>",
                "Date: Wed, 2 Dec 2009 15:53:40 +0100",
                "From: +48600000001/TYPE=PLMN",
                "To: +48600000002/TYPE=PLMN",
                "Subject: =?UTF-8?Q?Zdj=C4=99cie?=",
                "Mime-Version: 1.0",
                "Content-Type: multipart/related; type=\"application/smil\"; start=\"<smil>\";",
                "\tboundary=\"" + boundary + "\"",
                "Sender: +48600000001/TYPE=PLMN@mms.mnc006.mcc260.gprs",
                "X-Mms-Message-Type: MM4_forward.REQ",
                "X-Mms-3GPP-MMS-Version: 6.10.0",
                "X-Mms-Transaction-ID: \"4800000001@mms.example.net\"",
                "X-Mms-Message-ID: \"g2q0000xxxx151@w.mms.example.net\"",
                "X-Mms-Message-Class: Personal",
                "X-Mms-Ack-Request: Yes",
                "X-Mms-Originator-System: PostMaster@mms.mnc006.mcc260.gprs",
                "",
                "--" + boundary,
                "Content-Type: application/smil; charset=utf-8",
                "Content-ID: <smil>",
                "",
                "<smil><body><par dur=\"5s\"><img src=\"cid:img\"/><text src=\"cid:text0\"/></par></body></smil>",
                "--" + boundary,
                "Content-Type: text/plain; charset=utf-8",
                "Content-ID: <text0>",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "Cze=C5=9B=C4=87, zobacz zdj=C4=99cie!",
                "--" + boundary,
                "Content-Type: image/jpeg; name=photo.jpg",
                "Content-ID: <img>",
                "Content-Transfer-Encoding: base64",
                "",
                b64,
                "--" + boundary + "--",
                "");
    }

    @Benchmark
    public Mm4ReadResult parseAndClassify() {
        return Mm4Reader.read(parser.parse(data));
    }

    @Benchmark
    public byte[] write() {
        return MailWriter.write(parsed);
    }

    @Benchmark
    public long baselineCrc32() {
        return Baselines.crc32(data);
    }

    @Benchmark
    public long baselineMime4jTokenWalk() throws IOException, MimeException {
        MimeTokenStream stream = new MimeTokenStream();
        stream.parse(new ByteArrayInputStream(data));
        long decoded = 0;
        byte[] buf = new byte[8192];
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            if (state == EntityState.T_BODY) {
                try (InputStream body = stream.getDecodedInputStream()) {
                    for (int n; (n = body.read(buf)) > 0; ) {
                        decoded += n;
                    }
                }
            }
        }
        return decoded;
    }
}
