package io.mmsguard.codec.mm4;

import io.mmsguard.codec.mail.HeaderField;
import io.mmsguard.codec.mail.Headers;
import io.mmsguard.codec.mail.LeafEntity;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailEntity;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MultipartEntity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the .RES answering an MM4 request (PROTOCOLS.md 3.3): MM4_forward.RES for a forward (and for anything
 * too broken to know its type), MM4_delivery_report.RES and MM4_read_reply_report.RES for reports. The .RES is a
 * new mail to the request's X-Mms-Originator-System (or Sender); the transaction id is echoed as the peer wrote
 * it, quotes included.
 *
 * @param systemAddress our MMSC system user, e.g. {@code system-user@mms.mnc010.mcc234.gprs} (From and Sender)
 * @param mmsVersion    X-Mms-3GPP-MMS-Version we announce
 * @param clock         for Date
 */
public record Mm4Responder(String systemAddress, String mmsVersion, Clock clock) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public Mm4Responder {
        Objects.requireNonNull(systemAddress, "systemAddress");
        Objects.requireNonNull(mmsVersion, "mmsVersion");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * @return the .RES, or null for an MM3 mail or a .RES (nothing answers a response), or when there is no
     *         address to send it to
     */
    public MailMessage respond(Mm4ReadResult request, Mm4RequestStatus status, String statusText) {
        Mm4MessageType type;
        String transactionId;
        String messageId;
        String to;
        if (request instanceof Mm4ReadResult.Valid v) {
            type = v.message().type();
            transactionId = v.message().transactionId();
            messageId = v.message().messageId();
            to = Mm4Reader.replyAddress(v.message());
        } else if (request instanceof Mm4ReadResult.Invalid i) {
            type = i.type() == null ? Mm4MessageType.FORWARD_REQ : i.type();
            transactionId = i.transactionIdAsWritten();
            messageId = request.mail().headers().value(Mm4Headers.MESSAGE_ID);
            to = i.originatorSystem();
        } else {
            return null;
        }
        if (!type.isRequest() || to == null) {
            return null;
        }
        String domain = systemAddress.contains("@") ? systemAddress.substring(systemAddress.indexOf('@') + 1) : "mmsguard";
        Mm4Message res = Mm4Message.builder(type.response().orElseThrow())
                .mmsVersion(mmsVersion)
                .transactionId(transactionId == null ? "" : transactionId)
                .messageId(messageId == null ? null : io.mmsguard.codec.mail.HeaderText.stripQuotes(messageId))
                .requestStatus(status)
                .statusText(statusText)
                .from(MailAddress.of(systemAddress))
                .sender(MailAddress.of(systemAddress))
                .to(List.of(MailAddress.of(to)))
                .date(ZonedDateTime.now(clock).withNano(0))
                .mailMessageId(Long.toHexString(clock.millis()) + "." + Long.toHexString(RANDOM.nextLong() >>> 1) + "@" + domain)
                .build();
        MailMessage mail = Mm4Writer.toMail(res, null);
        // keep the peer's form of the transaction id (PROTOCOLS.md 3.5), quoted or not
        String asWritten = request.mail().headers().value(Mm4Headers.TRANSACTION_ID);
        return asWritten == null ? mail : replace(mail, Mm4Headers.TRANSACTION_ID, asWritten);
    }

    private static MailMessage replace(MailMessage mail, String name, String value) {
        List<HeaderField> fields = new ArrayList<>();
        for (HeaderField f : mail.headers().fields()) {
            fields.add(f.hasName(name) ? HeaderField.of(f.name(), value) : f);
        }
        Headers h = new Headers(fields);
        MailEntity root = mail.root();
        if (root instanceof LeafEntity l) {
            return new MailMessage(new LeafEntity(h, l.contentType(), l.transferEncoding(), l.rawBody(), l.part()));
        }
        MultipartEntity m = (MultipartEntity) root;
        return new MailMessage(new MultipartEntity(h, m.contentType(), m.boundary(), m.preamble(), m.children(), m.epilogue()));
    }
}
