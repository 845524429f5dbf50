package io.mmsguard.inspection.topology;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Transport;
import io.mmsguard.avro.internal.SenderStageOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/** An MM1 send with inline part content, and the Avro binary round trip the repartition topic's serde performs. */
final class SenderStageFixtures {

    static final Instant RECEIVED = Instant.parse("2026-11-24T10:00:00Z");

    private SenderStageFixtures() {
    }

    static MmsPart part(String contentType, String filename, byte[] content) {
        return MmsPart.newBuilder().setContentType(contentType).setFilename(filename).setSize(content.length)
                .setCrc32(1L).setSha256("a".repeat(64)).setContent(ByteBuffer.wrap(content)).build();
    }

    static MmsEnvelope envelope() {
        return MmsEnvelope.newBuilder()
                .setSessionId("s-1").setGatewayId("gw-1").setReplyPartition(7)
                .setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND)
                .setMessageType("m-send-req").setTransactionId("t-1").setMessageId("m-1")
                .setSender("+491701").setSenderRaw("+491701/TYPE=PLMN")
                .setRecipients(List.of(Recipient.newBuilder().setAddress("+491702").setKind(RecipientKind.TO).build()))
                .setSubject("hello").setContentType("application/vnd.wap.multipart.related")
                .setParts(List.of(part("text/plain", null, "hi".getBytes()),
                        part("application/octet-stream", "game.exe", new byte[] {0, 1, 2, (byte) 0xff})))
                .setOriginalSize(1234).setReceivedAt(RECEIVED)
                .setTransport(Transport.newBuilder().setListener("mm1").build())
                .setProfile("p")
                .build();
    }

    static byte[] serialize(SenderStageOutcome record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(SenderStageOutcome.class).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SenderStageOutcome deserialize(byte[] bytes) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            return new SpecificDatumReader<>(SenderStageOutcome.class).read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
