package io.mmsguard.bench.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.avro.Transport;
import io.mmsguard.inspection.profile.ContentChecksum;

/**
 * Traffic that grows the threshold stores by one key per message: message {@code i} comes from its own sender and
 * carries its own small text, so it adds one flood key ({@code MM1|<sender>}) and one duplicate key
 * ({@code MM1|<checksum>}). Nothing else in the profile is on, so filling a store costs the stages, not scanners.
 */
final class StateTraffic {
    static final String PROFILE = "state-bench";

    /** Which threshold stores the profile makes the stages count in. */
    enum Stores {
        FLOOD, DUPLICATE, BOTH;

        static Stores parse(String s) {
            return valueOf(s.trim().toUpperCase());
        }

        boolean flood() {
            return this != DUPLICATE;
        }

        boolean duplicate() {
            return this != FLOOD;
        }
    }

    private StateTraffic() {
    }

    /** Thirteen characters like the other benchmarks' senders, room for 10^8 distinct ones. */
    static String sender(long i) {
        return "+4917" + String.format("%08d", i);
    }

    /**
     * One enabled threshold per counted store, as in the pipeline benchmark's profile: a 60-minute window with a
     * limit the traffic never reaches, so every key holds one count in one bucket and nothing is blocked.
     */
    static MmsProfile profile(Stores stores) {
        Threshold high = Threshold.newBuilder().setEnabled(true).setWindowMinutes(60).setLimit(1_000_000)
                .setActions(List.of(ThresholdAction.BLOCK, ThresholdAction.LOG)).setBlockTimeMinutes(5).build();
        InterfaceSettings.Builder mm1 = InterfaceSettings.newBuilder();
        if (stores.flood()) {
            mm1.setFlood(List.of(high));
        }
        if (stores.duplicate()) {
            mm1.setDuplicate(List.of(high));
        }
        return MmsProfile.newBuilder().setName(PROFILE).setMm1(mm1.build()).build();
    }

    /** Message {@code i}, received at {@code receivedAt}; reply partition 0 (decisions go to one partition). */
    static MmsEnvelope envelope(long i, Instant receivedAt) {
        byte[] text = ("state benchmark message " + i).getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(text);
        List<MmsPart> parts = new ArrayList<>(1);
        parts.add(MmsPart.newBuilder().setContentType("text/plain").setFilename("text.txt").setCharset("utf-8")
                .setSize(text.length).setCrc32(crc.getValue()).setSha256(ContentChecksum.sha256Hex(text))
                .setContent(ByteBuffer.wrap(text)).build());
        return MmsEnvelope.newBuilder()
                .setSessionId("state-" + i).setGatewayId("bench").setReplyPartition(0)
                .setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND)
                .setMessageType("m-send-req").setTransactionId("t-" + i)
                .setSender(sender(i))
                .setRecipients(List.of(Recipient.newBuilder().setAddress("+4916" + String.format("%08d", i % 997))
                        .setKind(RecipientKind.TO).build()))
                .setContentType("application/vnd.wap.multipart.related")
                .setParts(parts).setOriginalSize(text.length)
                .setReceivedAt(receivedAt)
                .setTransport(Transport.newBuilder().setListener("mm1").build())
                .setProfile(PROFILE)
                .build();
    }
}
