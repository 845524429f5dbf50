package io.mmsguard.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailEntities;
import io.mmsguard.codec.mail.MailEntity;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.codec.mail.TransferEncoding;
import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm4.Mm4Message;
import io.mmsguard.codec.mm4.Mm4MessageType;
import io.mmsguard.codec.mm4.Mm4Writer;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Recipients;

/**
 * The wire form of a planned message: an MM1 m-send.req (binary, the image as is), an MM4_forward.REQ (SMTP DATA,
 * the image base64) or an MM7 SubmitReq (SOAP with attachments, the image base64), each about the planned size.
 * Content: a text part (ordinary words; banned words for spam), a JPEG-like image of random bytes from the
 * message's content seed (so duplicates are byte-identical and everything else differs), and for a virus the
 * EICAR test file as an extra attachment.
 */
final class LoadMessages {
    static final String PEER_DOMAIN = "mms.mnc006.mcc260.gprs";
    static final String RECIPIENT = "+4916000001";
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    /** Scores 10 + 10 + 10 against the profile's threshold of 20 (see {@link LoadProfile}). */
    static final String SPAM_TEXT = "winner! casino lottery: free money for you ";
    private static final String[] WORDS = {"hello", "meeting", "tomorrow", "photo", "holiday", "beach", "family",
        "dinner", "tonight", "weekend", "birthday", "party", "call", "me", "later", "see", "you", "soon"};
    private static final byte[] SMIL =
            "<smil><body><par><img src=\"photo.jpg\"/><text src=\"text.txt\"/></par></body></smil>"
                    .getBytes(StandardCharsets.US_ASCII);

    private LoadMessages() {
    }

    /** The id the message carries as transaction id (MM1, MM4, MM7): unique per run and index. */
    static String id(TrafficPlan.Planned p) {
        return p.run() + "-" + p.index();
    }

    /** Subject, text and image (binary) of the message; identical for every message of one duplicate campaign. */
    record Content(String subject, String text, byte[] image, boolean virus) {
    }

    static Content content(TrafficPlan.Planned p, int imageBytes) {
        String run = p.run();
        SplittableRandom r = new SplittableRandom(p.contentSeed() ^ run.hashCode() * 31L);
        StringBuilder text = new StringBuilder(p.category() == Category.SPAM ? SPAM_TEXT : "");
        if (p.category() == Category.DUPLICATE) {
            text.append("campaign ").append(run).append(' ').append(p.group()).append(' ');
        } else {
            text.append("message ").append(run).append(' ').append(p.index()).append(' ');
        }
        while (text.length() < 400) {
            text.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
        }
        byte[] image = new byte[Math.max(16, imageBytes)];
        r.nextBytes(image);
        image[0] = (byte) 0xff;
        image[1] = (byte) 0xd8;
        String subject = p.category() == Category.DUPLICATE ? "offer " + p.group() : "photo " + p.index();
        return new Content(subject, text.toString(), image, p.category() == Category.VIRUS);
    }

    static byte[] mm1(TrafficPlan.Planned p) {
        Content c = content(p, p.size() - 700);
        List<MmsPart> parts = new ArrayList<>(List.of(
                MmsPart.of(ContentType.of(ContentType.SMIL), "smil", "smil.xml", SMIL),
                MmsPart.of(ContentType.of(ContentType.TEXT_PLAIN).with("charset", "utf-8"), "text", "text.txt",
                        c.text().getBytes(StandardCharsets.UTF_8)),
                MmsPart.of(ContentType.of("image/jpeg"), "photo", "photo.jpg", c.image())));
        if (c.virus()) {
            parts.add(MmsPart.of(ContentType.of("application/octet-stream"), "eicar", "eicar.com",
                    EICAR.getBytes(StandardCharsets.US_ASCII)));
        }
        ContentType related = ContentType.of(ContentType.MULTIPART_RELATED).with("start", "<smil>")
                .with("type", ContentType.SMIL);
        return Mm1Encoder.encode(MmsPdus.sendReq(id(p), MmsPdus.MMS_1_2, FromAddress.insertAddress(),
                List.of(RECIPIENT + "/TYPE=PLMN"), c.subject(), related, parts));
    }

    /** SMTP DATA of an MM4_forward.REQ asking for an MM4_forward.RES (how a block is reported on MM4). */
    static byte[] mm4(TrafficPlan.Planned p) {
        Content c = content(p, (p.size() - 1800) * 3 / 4);
        String id = id(p);
        List<MailEntity> parts = new ArrayList<>(List.of(MailEntities.text(c.text()),
                MailEntities.leaf(new MessagePart("image/jpeg", null, "photo.jpg", null, null, c.image()),
                        TransferEncoding.BASE64)));
        if (c.virus()) {
            parts.add(MailEntities.leaf(new MessagePart("application/octet-stream", null, "eicar.com", null, null,
                    EICAR.getBytes(StandardCharsets.US_ASCII)), TransferEncoding.BASE64));
        }
        Mm4Message headers = Mm4Message.builder(Mm4MessageType.FORWARD_REQ)
                .mmsVersion("6.10.0").transactionId(id).messageId(id + "@" + PEER_DOMAIN)
                .originatorSystem("system-user@" + PEER_DOMAIN).ackRequest(true)
                .from(MailAddress.of(p.sender() + "/TYPE=PLMN")).to(List.of(MailAddress.of(RECIPIENT + "/TYPE=PLMN")))
                .subject(c.subject()).date(Instant.EPOCH.atZone(ZoneOffset.UTC)).mailMessageId(id + "@" + PEER_DOMAIN)
                .build();
        return MailWriter.write(Mm4Writer.toMail(headers, MailEntities.multipart("mixed", parts, Map.of())));
    }

    static String mm4MailFrom(TrafficPlan.Planned p) {
        return p.sender() + "/TYPE=PLMN@" + PEER_DOMAIN;
    }

    static String mm4Rcpt() {
        return RECIPIENT + "/TYPE=PLMN@mms.mnc010.mcc234.gprs";
    }

    static Mm7HttpMessage mm7(TrafficPlan.Planned p) {
        Content c = content(p, (p.size() - 2000) * 3 / 4);
        List<MessagePart> parts = new ArrayList<>(List.of(
                new MessagePart("text/plain", "utf-8", "text.txt", "text", null,
                        c.text().getBytes(StandardCharsets.UTF_8)),
                new MessagePart("image/jpeg", null, "photo.jpg", "photo", null, c.image())));
        if (c.virus()) {
            parts.add(new MessagePart("application/octet-stream", null, "eicar.com", "eicar", null,
                    EICAR.getBytes(StandardCharsets.US_ASCII)));
        }
        return new Mm7Encoder().encode(Mm7Message.builder(Mm7Operation.SUBMIT_REQ, Mm7Namespace.REL_6_MM7_1_4)
                .transactionId(id(p)).mm7Version("6.8.0").vaspId("bench-vasp").vasId("bench")
                .senderAddress(Mm7Address.number(p.sender()))
                .recipients(Mm7Recipients.to(Mm7Address.number(RECIPIENT)))
                .subject(c.subject()).contentRef(Mm7ContentRef.cid("text"))
                .content(parts).build());
    }
}
