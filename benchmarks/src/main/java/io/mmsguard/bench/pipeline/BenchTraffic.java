package io.mmsguard.bench.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Transport;
import io.mmsguard.inspection.profile.ContentChecksum;

/**
 * MM1 sends of about {@code size} bytes: a SMIL part, a text part of ordinary words and a JPEG-like image, all
 * inline, every message different (so the duplicate stage sees distinct checksums), from a pool of senders.
 */
final class BenchTraffic {
    private static final String[] WORDS = {"hello", "meeting", "tomorrow", "photo", "holiday", "beach", "family",
        "dinner", "tonight", "weekend", "birthday", "party", "call", "me", "later", "see", "you", "soon"};

    private final Random random = new Random(42);
    private final int size;
    private final int senders;

    BenchTraffic(int size, int senders) {
        this.size = size;
        this.senders = senders;
    }

    static String sender(int i) {
        return "+4917" + String.format("%08d", i);
    }

    MmsEnvelope envelope(int n, int replyPartition, Instant receivedAt) {
        byte[] smil = ("<smil><body><par><img src=\"photo.jpg\"/><text src=\"text.txt\"/></par></body></smil>")
                .getBytes(StandardCharsets.US_ASCII);
        StringBuilder text = new StringBuilder(2048);
        while (text.length() < 2000) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        byte[] textBytes = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] image = new byte[Math.max(0, size - smil.length - textBytes.length)];
        random.nextBytes(image);
        image[0] = (byte) 0xff;
        image[1] = (byte) 0xd8;
        List<MmsPart> parts = List.of(part("application/smil", "main.smil", null, smil),
                part("text/plain", "text.txt", "utf-8", textBytes), part("image/jpeg", "photo.jpg", null, image));
        return MmsEnvelope.newBuilder()
                .setSessionId("bench-" + n).setGatewayId("bench").setReplyPartition(replyPartition)
                .setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND)
                .setMessageType("m-send-req").setTransactionId("t-" + n)
                .setSender(sender(n % senders))
                .setRecipients(List.of(Recipient.newBuilder().setAddress("+4916" + String.format("%08d", n % 997))
                        .setKind(RecipientKind.TO).build()))
                .setSubject("photo " + (n % 100)).setContentType("application/vnd.wap.multipart.related")
                .setParts(parts).setOriginalSize(smil.length + textBytes.length + image.length)
                .setReceivedAt(receivedAt)
                .setTransport(Transport.newBuilder().setListener("mm1").build())
                .setProfile(BenchProfile.NAME)
                .build();
    }

    private static MmsPart part(String type, String filename, String charset, byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return MmsPart.newBuilder().setContentType(type).setFilename(filename).setCharset(charset)
                .setSize(content.length).setCrc32(crc.getValue()).setSha256(ContentChecksum.sha256Hex(content))
                .setContent(ByteBuffer.wrap(content)).build();
    }
}
