package io.mmsguard.inspection;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Transport;

/** The envelope the inspection tests start from: an MM1 send with a text part and an .exe part. */
public final class SampleEnvelopes {
    public static final Instant RECEIVED = Instant.parse("2026-11-24T10:00:00Z");
    public static final String SHA = "a".repeat(64);

    private SampleEnvelopes() {
    }

    public static MmsPart part(String contentType, String filename, byte[] content) {
        return MmsPart.newBuilder().setContentType(contentType).setFilename(filename).setSize(content.length)
                .setCrc32(1L).setSha256(SHA).setContent(ByteBuffer.wrap(content)).build();
    }

    /** A builder, so that a test changes only what it is about. The .exe part has a byte above 0x7f on purpose. */
    public static MmsEnvelope.Builder mm1Send() {
        return MmsEnvelope.newBuilder()
                .setSessionId("s-1").setGatewayId("gw-1").setReplyPartition(7)
                .setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND)
                .setMessageType("m-send-req").setTransactionId("t-1").setMessageId("m-1")
                .setSender("+491701").setSenderRaw("+491701/TYPE=PLMN")
                .setRecipients(List.of(Recipient.newBuilder().setAddress("+491702").setKind(RecipientKind.TO).build()))
                .setSubject("hello").setContentType("application/vnd.wap.multipart.related")
                .setParts(List.of(part("text/plain", null, "hi".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        part("application/octet-stream", "game.exe", new byte[] {0, 1, 2, (byte) 0xff})))
                .setOriginalSize(1234).setReceivedAt(RECEIVED)
                .setTransport(Transport.newBuilder().setListener("mm1").build())
                .setProfile("p");
    }
}
