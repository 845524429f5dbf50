package io.mmsguard.analytics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.avro.Transport;
import io.mmsguard.inspection.profile.ContentChecksum;

/**
 * The MM1 envelopes the test sends, in send order, with what the topology must make of each under {@link #profile()}
 * (every message archived as SUMMARY): the expected reason of every message whose verdict does not depend on the
 * order of arrival, and the duplicate campaigns, of which exactly the copies past the limit are blocked, whichever
 * they are. Every message but a campaign's copies has content of its own, so that only the campaigns are duplicates.
 */
final class ArchiveTraffic {
    static final String PROFILE = "analytics";
    static final int FLOOD_LIMIT = 5;
    static final int DUPLICATE_LIMIT = 4;
    private static final byte[] EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
            .getBytes(StandardCharsets.US_ASCII);

    /** A duplicate campaign: its copies and every recipient they were sent to. */
    record Campaign(Instant at, String checksum, List<String> sessions, Map<String, String> senderOfRecipient) {
        List<String> recipients() {
            return List.copyOf(senderOfRecipient.keySet());
        }

        String sender(String recipient) {
            return senderOfRecipient.get(recipient);
        }

        /** The checksum's first 12 digits, as the campaign query shows it. */
        String checksum12() {
            return checksum.substring(0, 12);
        }
    }

    private final List<MmsEnvelope> envelopes = new ArrayList<>();
    private final Map<String, Reason> expected = new LinkedHashMap<>();
    private final List<Campaign> campaigns = new ArrayList<>();

    /** The profile the envelopes name: MM1 archives everything; scanners, a flood and a duplicate threshold. */
    static MmsProfile profile() {
        return MmsProfile.newBuilder().setName(PROFILE)
                .setMm1(InterfaceSettings.newBuilder().setArchive(ArchiveMode.SUMMARY)
                        .setFlood(List.of(threshold(FLOOD_LIMIT))).setDuplicate(List.of(threshold(DUPLICATE_LIMIT)))
                        .build())
                .setFileFilter(List.of(FileFilterEntry.newBuilder().setPattern("*.exe").build()))
                .setBannedWordThreshold(5)
                .setBannedWords(List.of(BannedWord.newBuilder().setPattern("casino").build()))
                .build();
    }

    private static Threshold threshold(int limit) {
        return Threshold.newBuilder().setEnabled(true).setLimit(limit).setWindowMinutes(60).setBlockTimeMinutes(0)
                .setActions(List.of(ThresholdAction.BLOCK)).build();
    }

    ArchiveTraffic clean(String sender, Instant at) {
        return add(sender, List.of("+4916100" + envelopes.size()), at, "hello", text("see you at " + at), Reason.NONE);
    }

    ArchiveTraffic virus(String sender, Instant at) {
        return add(sender, List.of("+4916200" + envelopes.size()), at, "photo",
                List.of(text("look " + envelopes.size()).get(0), part("application/octet-stream", "eicar.com", EICAR)),
                Reason.VIRUS);
    }

    ArchiveTraffic executable(String sender, Instant at) {
        byte[] exe = ("MZ game " + envelopes.size()).getBytes(StandardCharsets.US_ASCII);
        return add(sender, List.of("+4916300" + envelopes.size()), at, "game",
                List.of(part("application/octet-stream", "game.exe", exe)), Reason.FILE_FILTER);
    }

    ArchiveTraffic bannedWords(String sender, Instant at) {
        return add(sender, List.of("+4916400" + envelopes.size()), at, "win",
                text("casino bonus number " + envelopes.size()), Reason.BANNED_WORDS);
    }

    /** {@code count} different messages from one sender, a second apart: past the flood limit, blocked. */
    ArchiveTraffic flood(String sender, Instant at, int count) {
        for (int i = 0; i < count; i++) {
            add(sender, List.of("+4916500" + envelopes.size()), at.plusSeconds(i), "ping " + i,
                    text("ping " + i + " " + envelopes.size()), i < FLOOD_LIMIT ? Reason.NONE : Reason.FLOOD);
        }
        return this;
    }

    /**
     * The same message from {@code copies} senders, each to two recipients of its own, a second apart: copies past
     * the duplicate limit are blocked, which ones depends on the order the topology counts them in.
     */
    ArchiveTraffic campaign(String tag, Instant at, int copies) {
        List<MmsPart> parts = text("cheap loans, reply " + tag);
        List<String> sessions = new ArrayList<>();
        Map<String, String> senderOfRecipient = new TreeMap<>();
        for (int i = 0; i < copies; i++) {
            String sender = String.format("+4917700%s%02d", tag, i);
            List<String> to = List.of(String.format("+4915800%s%02d", tag, 2 * i),
                    String.format("+4915800%s%02d", tag, 2 * i + 1));
            sessions.add(sessionId(envelopes.size()));
            to.forEach(r -> senderOfRecipient.put(r, sender));
            add(sender, to, at.plusSeconds(i), "offer", parts, null);
        }
        String checksum = ContentChecksum.of(envelopes.get(envelopes.size() - 1), false);
        campaigns.add(new Campaign(at, checksum, sessions, senderOfRecipient));
        return this;
    }

    private ArchiveTraffic add(String sender, List<String> to, Instant at, String subject, List<MmsPart> parts,
                               Reason reason) {
        String session = sessionId(envelopes.size());
        long size = parts.stream().mapToLong(MmsPart::getSize).sum();
        envelopes.add(MmsEnvelope.newBuilder()
                .setSessionId(session).setGatewayId("analytics-test").setReplyPartition(0)
                .setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND).setMessageType("m-send-req")
                .setTransactionId("t-" + session).setMessageId("m-" + session)
                .setSender(sender).setSenderRaw(sender + "/TYPE=PLMN")
                .setRecipients(to.stream().map(a -> Recipient.newBuilder().setAddress(a).setKind(RecipientKind.TO)
                        .build()).toList())
                .setSubject(subject).setContentType("application/vnd.wap.multipart.mixed")
                .setParts(parts).setOriginalSize(size + 120).setReceivedAt(at)
                .setTransport(Transport.newBuilder().setListener("mm1").build())
                .setProfile(PROFILE).build());
        if (reason != null) {
            expected.put(session, reason);
        }
        return this;
    }

    private static String sessionId(int n) {
        return String.format("analytics-%03d", n);
    }

    private static List<MmsPart> text(String text) {
        return List.of(part("text/plain", null, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A part with the digests the gateway computes (CRC32, SHA-256), so the duplicate check counts real content. */
    private static MmsPart part(String contentType, String filename, byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return MmsPart.newBuilder().setContentType(contentType).setFilename(filename)
                .setCharset(contentType.startsWith("text/") ? "utf-8" : null).setSize(content.length)
                .setCrc32(crc.getValue()).setSha256(ContentChecksum.sha256Hex(content))
                .setContent(ByteBuffer.wrap(content)).build();
    }

    List<MmsEnvelope> envelopes() {
        return List.copyOf(envelopes);
    }

    List<Campaign> campaigns() {
        return List.copyOf(campaigns);
    }

    private Instant receivedAt(String session) {
        return envelopes.stream().filter(e -> e.getSessionId().equals(session)).findFirst().orElseThrow()
                .getReceivedAt();
    }

    private String senderOf(String session) {
        return envelopes.stream().filter(e -> e.getSessionId().equals(session)).findFirst().orElseThrow().getSender();
    }

    /** Blocked messages per hour (UTC, as the archive's receivedAt holds it) and reason. */
    Map<LocalDateTime, Map<String, Long>> blockedPerHourAndReason() {
        Map<LocalDateTime, Map<String, Long>> out = new TreeMap<>();
        expected.forEach((session, reason) -> {
            if (reason != Reason.NONE) {
                out.computeIfAbsent(hour(receivedAt(session)), h -> new TreeMap<>()).merge(reason.name(), 1L, Long::sum);
            }
        });
        for (Campaign c : campaigns) {
            long blocked = Math.max(0, c.sessions().size() - DUPLICATE_LIMIT);
            if (blocked > 0) {
                out.computeIfAbsent(hour(c.at()), h -> new TreeMap<>()).merge(Reason.DUPLICATE.name(), blocked,
                        Long::sum);
            }
        }
        return out;
    }

    /** Messages blocked for a virus per sender. */
    Map<String, Long> virusesPerSender() {
        Map<String, Long> out = new TreeMap<>();
        expected.forEach((session, reason) -> {
            if (reason == Reason.VIRUS) {
                out.merge(senderOf(session), 1L, Long::sum);
            }
        });
        return out;
    }

    /** Every message's verdict as the inspection log holds it: PASS for NONE, BLOCK for any reason. */
    Map<String, Long> verdicts() {
        Map<String, Long> out = new TreeMap<>();
        expected.values().forEach(r -> out.merge(r == Reason.NONE ? "PASS" : "BLOCK", 1L, Long::sum));
        for (Campaign c : campaigns) {
            long blocked = Math.max(0, c.sessions().size() - DUPLICATE_LIMIT);
            out.merge("BLOCK", blocked, Long::sum);
            out.merge("PASS", c.sessions().size() - blocked, Long::sum);
        }
        return out;
    }

    static LocalDateTime hour(Instant t) {
        return LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC);
    }
}
