package io.mmsguard.harness.load;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm4.AlertMails;
import io.mmsguard.codec.mm4.Mm4Message;
import io.mmsguard.codec.mm4.Mm4MessageType;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Recipients;

/**
 * The wire form of a {@link Message}, built with the project's codecs: a short text unique to the message (so no
 * two messages are duplicates of each other) and, for an EICAR message, the EICAR test file as an attachment.
 */
public final class Traffic {
    /** The anti-virus test file (eicar.org): every engine, ours included, reports it. */
    public static final byte[] EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
            .getBytes(StandardCharsets.US_ASCII);
    /** The subscriber every message is sent to. */
    public static final String RECIPIENT = "+4916000001";
    /** The peer network MM4 requests come from; the gateway's MM4_forward.RES go to its system user. */
    public static final String PEER_DOMAIN = "mms.mnc099.mcc999.gprs";
    /** Our MMSC's domain in MM3 and MM4 recipient addresses. */
    public static final String MMSC_DOMAIN = "mms.harness.invalid";
    /** The domain of MM3 senders and of MM3 Message-IDs. */
    public static final String MAIL_DOMAIN = "mail.harness.invalid";

    private Traffic() {
    }

    /** The bytes of the message and, for SMTP, its envelope. */
    public record Wire(byte[] body, String contentType, String mailFrom, String rcptTo) {
    }

    public static Wire wire(Message m) {
        return switch (m.iface()) {
            case MM1 -> new Wire(mm1(m), "application/vnd.wap.mms-message", null, null);
            case MM7 -> {
                Mm7HttpMessage req = mm7(m);
                yield new Wire(req.body(), req.contentType(), null, null);
            }
            case MM3 -> new Wire(smtpData(mm3(m)), null, mm3Address(m), RECIPIENT + "@" + MMSC_DOMAIN);
            case MM4 -> new Wire(smtpData(mm4(m)), null, m.sender() + "/TYPE=PLMN@" + PEER_DOMAIN,
                    RECIPIENT + "/TYPE=PLMN@" + MMSC_DOMAIN);
        };
    }

    /**
     * The mail as SMTP carries it: every line ending in CRLF, the last one included, so that its digest is the
     * digest of the DATA an SMTP server receives (the client would add the final CRLF itself).
     */
    private static byte[] smtpData(byte[] mail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(mail.length + 2);
        for (int i = 0; i < mail.length; i++) {
            byte b = mail[i];
            if (b == '\r' || b == '\n') {
                out.write('\r');
                out.write('\n');
                if (b == '\r' && i + 1 < mail.length && mail[i + 1] == '\n') {
                    i++;
                }
            } else {
                out.write(b);
            }
        }
        byte[] data = out.toByteArray();
        if (data.length < 2 || data[data.length - 2] != '\r' || data[data.length - 1] != '\n') {
            out.write('\r');
            out.write('\n');
            data = out.toByteArray();
        }
        return data;
    }

    private static String text(Message m) {
        return "Message " + m.transactionId() + " from " + m.sender() + (m.eicar() ? ": see the attachment." : ".");
    }

    private static MessagePart eicar() {
        return new MessagePart("application/octet-stream", null, "eicar.com", "eicar", "eicar.com", EICAR);
    }

    private static byte[] mm1(Message m) {
        List<MmsPart> parts = new ArrayList<>(List.of(MmsPart.of(
                ContentType.of(ContentType.TEXT_PLAIN).with("charset", "utf-8"), "text", "text.txt",
                text(m).getBytes(StandardCharsets.UTF_8))));
        if (m.eicar()) {
            parts.add(MmsPart.of(ContentType.of("application/octet-stream"), "eicar", "eicar.com", EICAR));
        }
        return Mm1Encoder.encode(MmsPdus.sendReq(m.transactionId(), MmsPdus.MMS_1_2, FromAddress.insertAddress(),
                List.of(RECIPIENT + "/TYPE=PLMN"), "harness " + m.iface(),
                ContentType.of(ContentType.MULTIPART_MIXED), parts));
    }

    private static Mm7HttpMessage mm7(Message m) {
        List<MessagePart> parts = new ArrayList<>(List.of(new MessagePart("text/plain", "utf-8", "text.txt", "text",
                null, text(m).getBytes(StandardCharsets.UTF_8))));
        if (m.eicar()) {
            parts.add(eicar());
        }
        String ns = Mm7Namespace.DEFAULT;
        return new Mm7Encoder().encode(Mm7Message.builder(Mm7Operation.SUBMIT_REQ, ns)
                .transactionId(m.transactionId()).mm7Version(Mm7Namespace.defaultVersion(ns))
                .vaspId("harness-vasp").vasId("harness")
                .senderAddress(Mm7Address.number(m.sender()))
                .recipients(Mm7Recipients.to(Mm7Address.number(RECIPIENT)))
                .subject("harness MM7")
                // Several parts travel in a multipart the encoder wraps under this cid; one is referenced itself.
                .contentRef(Mm7ContentRef.cid(parts.size() == 1 ? "text" : "content"))
                .content(parts).build());
    }

    private static String mm3Address(Message m) {
        return m.sender().replace("+", "") + "@" + MAIL_DOMAIN;
    }

    private static byte[] mm3(Message m) {
        // The Message-ID is the transaction id, which already carries the mail domain.
        return MailWriter.write(AlertMails.mm3(MailAddress.of(mm3Address(m)),
                List.of(MailAddress.of(RECIPIENT + "@" + MMSC_DOMAIN)), "harness MM3", now(), m.transactionId(),
                text(m), m.eicar() ? eicar() : null));
    }

    private static byte[] mm4(Message m) {
        String messageId = m.transactionId() + "@" + PEER_DOMAIN;
        Mm4Message headers = Mm4Message.builder(Mm4MessageType.FORWARD_REQ)
                .mmsVersion("6.10.0").transactionId(m.transactionId()).messageId(messageId)
                .originatorSystem("system-user@" + PEER_DOMAIN)
                // A block is then reported by an MM4_forward.RES, which is how the driver tells it from a pass.
                .ackRequest(true)
                .from(MailAddress.of(m.sender() + "/TYPE=PLMN"))
                .to(List.of(MailAddress.of(RECIPIENT + "/TYPE=PLMN")))
                .subject("harness MM4").date(now()).mailMessageId(messageId)
                .build();
        return MailWriter.write(AlertMails.mm4(headers, text(m), m.eicar() ? eicar() : null));
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneOffset.UTC);
    }
}
