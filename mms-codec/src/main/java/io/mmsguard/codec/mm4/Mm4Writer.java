package io.mmsguard.codec.mm4;

import static io.mmsguard.codec.mm4.Mm4Headers.*;

import io.mmsguard.codec.mail.HeaderField;
import io.mmsguard.codec.mail.HeaderText;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailEntities;
import io.mmsguard.codec.mail.MailEntity;
import io.mmsguard.codec.mail.MailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns an {@link Mm4Message} and an optional body into a mail: RFC 5322 fields first, then the X-Mms-* fields in
 * the order of PROTOCOLS.md 3.3, then the body's own MIME fields. Transaction and message ids are quoted, as
 * PLAY and Mbuni write them.
 */
public final class Mm4Writer {

    private Mm4Writer() {
    }

    /** @param body the MIME body (its Content-* fields included); null for an empty text/plain body */
    public static MailMessage toMail(Mm4Message m, MailEntity body) {
        List<HeaderField> f = new ArrayList<>();
        if (m.from() != null) {
            f.add(HeaderField.of("From", m.from().toHeaderText()));
        }
        addList(f, "To", m.to());
        addList(f, "Cc", m.cc());
        if (m.sender() != null) {
            f.add(HeaderField.of("Sender", m.sender().toHeaderText()));
        }
        if (m.subject() != null) {
            f.add(HeaderField.of("Subject", HeaderText.encode(m.subject(), "Subject")));
        }
        if (m.date() != null) {
            f.add(HeaderField.of("Date", HeaderText.formatDate(m.date())));
        }
        if (m.mailMessageId() != null) {
            f.add(HeaderField.of("Message-ID", "<" + m.mailMessageId() + ">"));
        }
        f.add(HeaderField.of("MIME-Version", "1.0"));
        add(f, VERSION, m.mmsVersion());
        add(f, MESSAGE_TYPE, m.type().token());
        add(f, TRANSACTION_ID, quote(m.transactionId()));
        add(f, MESSAGE_ID, quote(m.messageId()));
        add(f, ORIGINATOR_SYSTEM, m.originatorSystem());
        add(f, ACK_REQUEST, yesNo(m.ackRequest()));
        add(f, ORIGINATOR_RS_DELIVERY_REPORT, yesNo(m.originatorRsDeliveryReport()));
        add(f, REQUEST_STATUS_CODE, token(m.requestStatus()));
        add(f, STATUS_TEXT, encoded(m.statusText(), STATUS_TEXT));
        add(f, EXPIRY, m.expiry());
        add(f, MESSAGE_CLASS, token(m.messageClass()));
        add(f, DELIVERY_REPORT, yesNo(m.deliveryReport()));
        add(f, READ_REPLY, yesNo(m.readReply()));
        add(f, PRIORITY, token(m.priority()));
        add(f, SENDER_VISIBILITY, token(m.senderVisibility()));
        add(f, FORWARD_COUNTER, m.forwardCounter() == null ? null : m.forwardCounter().toString());
        m.previouslySentBy().forEach(v -> add(f, PREVIOUSLY_SENT_BY, v));
        m.previouslySentDateAndTime().forEach(v -> add(f, PREVIOUSLY_SENT_DATE_AND_TIME, v));
        add(f, MM_STATUS_CODE, token(m.mmStatus()));
        add(f, MM_STATUS_TEXT, encoded(m.mmStatusText(), MM_STATUS_TEXT));
        add(f, READ_STATUS, token(m.readStatus()));
        add(f, READ_STATUS_TEXT, encoded(m.readStatusText(), READ_STATUS_TEXT));
        MailEntity entity = body == null ? MailEntities.text("") : body;
        return new MailMessage(MailEntities.withLeadingHeaders(entity, f));
    }

    private static void addList(List<HeaderField> f, String name, List<MailAddress> list) {
        if (!list.isEmpty()) {
            f.add(HeaderField.of(name, list.stream().map(MailAddress::toHeaderText).collect(Collectors.joining(", "))));
        }
    }

    private static void add(List<HeaderField> f, String name, String value) {
        if (value != null) {
            f.add(HeaderField.of(name, value));
        }
    }

    private static String quote(String id) {
        return id == null ? null : "\"" + id + "\"";
    }

    private static String yesNo(Boolean b) {
        return b == null ? null : b ? "Yes" : "No";
    }

    private static String token(Mm4Token t) {
        return t == null ? null : t.token();
    }

    private static String encoded(String text, String name) {
        return text == null ? null : HeaderText.encode(text, name);
    }
}
