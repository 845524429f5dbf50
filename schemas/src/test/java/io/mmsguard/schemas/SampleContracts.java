package io.mmsguard.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.BannedWordAction;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.PatternType;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.avro.Transport;

/** Varied instances of the real contract records, for serde and interop tests. */
public final class SampleContracts {
    private SampleContracts() {
    }

    public static List<MmsEnvelope> envelopes(int n) {
        List<MmsEnvelope> out = new ArrayList<>();
        MmsInterface[] interfaces = {MmsInterface.MM1, MmsInterface.MM3, MmsInterface.MM4, MmsInterface.MM7};
        for (int i = 0; i < n; i++) {
            byte[] text = ("Caf\u00e9 \u2603 offer #" + i).getBytes(StandardCharsets.UTF_8);
            byte[] image = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) i, 0, 1, 2};
            out.add(MmsEnvelope.newBuilder()
                    .setSessionId("session-" + i)
                    .setGatewayId("gw-" + (i % 2))
                    .setReplyPartition(i % 3)
                    .setMmsInterface(interfaces[i % 4])
                    .setDirection(i % 5 == 4 ? Direction.RETRIEVE : Direction.SEND)
                    .setMessageType(i % 5 == 4 ? "m-retrieve-conf" : "m-send-req")
                    .setTransactionId(i % 3 == 0 ? null : "tx-" + i)
                    .setMessageId(i % 2 == 0 ? null : "msg-" + i)
                    .setSender("+1555010" + String.format("%04d", i))
                    .setSenderRaw(i % 2 == 0 ? null : "+1555010" + String.format("%04d", i) + "/TYPE=PLMN")
                    .setRecipients(List.of(
                            Recipient.newBuilder().setAddress("+15550200001").setKind(RecipientKind.TO).build(),
                            Recipient.newBuilder().setAddress("user" + i + "@example.org").setKind(RecipientKind.CC)
                                    .setRaw("User <user" + i + "@example.org>").build()))
                    .setSubject(i % 4 == 0 ? null : "Subject \u00fc " + i)
                    .setContentType("application/vnd.wap.multipart.related")
                    .setParts(List.of(
                            part("text/plain", "utf-8", "offer.txt", text, true),
                            part("image/jpeg", null, null, image, i % 3 != 1)))
                    .setOriginalSize(text.length + image.length + 120)
                    .setReceivedAt(Instant.ofEpochMilli(1_764_000_000_000L + i * 1000L))
                    .setTransport(Transport.newBuilder()
                            .setClientAddress("10.0.0." + i)
                            .setMsisdnHeaderName("x-up-calling-line-id")
                            .setMsisdnHeaderValue("1555010" + i)
                            .setMm4AckRequest(i % 2 == 0)
                            .setHeaders(Map.of("User-Agent", "Handset/" + i))
                            .build())
                    .setProfile(i % 2 == 0 ? "default" : "strict")
                    .build());
        }
        return out;
    }

    private static MmsPart part(String type, String charset, String name, byte[] content, boolean inline) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(content);
        return MmsPart.newBuilder()
                .setContentType(type)
                .setCharset(charset)
                .setName(name)
                .setSize(content.length)
                .setCrc32(crc.getValue())
                .setSha256("00".repeat(32))
                .setContent(inline ? ByteBuffer.wrap(content) : null)
                .build();
    }

    /** A profile with non-default thresholds and banned words, so nested records and arrays carry data. */
    public static MmsProfile strictProfile() {
        MmsProfile base = MmsProfile.newBuilder().setName("strict").build();
        InterfaceSettings mm1 = InterfaceSettings.newBuilder(base.getMm1())
                .setFlood(List.of(
                        threshold(60, 100, 0, ThresholdAction.LOG),
                        threshold(60, 200, 30, ThresholdAction.BLOCK, ThresholdAction.ALERT_ADMIN),
                        threshold(1440, 1000, 1440, ThresholdAction.BLOCK, ThresholdAction.ARCHIVE_FIRST)))
                .setDuplicate(List.of(threshold(60, 50, 60, ThresholdAction.BLOCK)))
                .setOversizeLimitKb(600)
                .build();
        return MmsProfile.newBuilder(base)
                .setMm1(mm1)
                .setBannedWordThreshold(10)
                .setBannedWords(List.of(
                        BannedWord.newBuilder().setPattern("free money").setPatternType(PatternType.SIMPLE)
                                .setAction(BannedWordAction.values()[1]).setScore(5).build(),
                        BannedWord.newBuilder().setPattern("w[i1]n+er").setPatternType(PatternType.REGEX)
                                .setAction(BannedWordAction.values()[1]).setScore(10).build()))
                .build();
    }

    private static Threshold threshold(int window, int limit, int block, ThresholdAction... actions) {
        return Threshold.newBuilder().setEnabled(true).setWindowMinutes(window).setLimit(limit)
                .setActions(List.of(actions)).setBlockTimeMinutes(block).build();
    }
}
