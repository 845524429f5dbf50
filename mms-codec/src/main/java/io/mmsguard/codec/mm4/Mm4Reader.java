package io.mmsguard.codec.mm4;

import static io.mmsguard.codec.mm4.Mm4Headers.*;

import io.mmsguard.codec.mail.HeaderText;
import io.mmsguard.codec.mail.Headers;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailMessage;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Classifies a parsed mail as MM3 or MM4 and checks the MM4 headers (PROTOCOLS.md 3.3 and 3.5).
 *
 * <p>Strict where the gateway needs the value (type, version, ids, the status of a .RES or a report, the
 * recipients of a forward) and where a value is present but not of its type; tolerant of everything else,
 * because header sets vary by vendor.
 */
public final class Mm4Reader {

    private static final Pattern VERSION_PATTERN = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}(\\.[0-9]{1,3})?");
    private static final String[] SINGLETONS = {VERSION, MESSAGE_TYPE, TRANSACTION_ID, MESSAGE_ID, ORIGINATOR_SYSTEM,
            ACK_REQUEST, ORIGINATOR_RS_DELIVERY_REPORT, REQUEST_STATUS_CODE, EXPIRY, MESSAGE_CLASS, DELIVERY_REPORT,
            READ_REPLY, PRIORITY, SENDER_VISIBILITY, FORWARD_COUNTER, MM_STATUS_CODE, READ_STATUS};

    private Mm4Reader() {
    }

    public static Mm4ReadResult read(MailMessage mail) {
        Headers h = mail.headers();
        if (!h.contains(MESSAGE_TYPE)) {
            return new Mm4ReadResult.Mm3(mail);
        }
        List<Mm4Violation> v = new ArrayList<>();
        for (String name : SINGLETONS) {
            if (h.values(name).stream().distinct().count() > 1) {
                v.add(Mm4Violation.corrupt(name, "repeated with different values"));
            }
        }
        String typeText = h.value(MESSAGE_TYPE);
        Mm4MessageType type = Mm4MessageType.parse(typeText).orElse(null);
        if (type == null) {
            v.add(new Mm4Violation(MESSAGE_TYPE, "unknown message type '" + HeaderText.stripQuotes(typeText) + "'",
                    Mm4RequestStatus.ERROR_UNSUPPORTED_MESSAGE));
        }
        String version = h.value(VERSION);
        if (version == null || version.isBlank()) {
            v.add(Mm4Violation.corrupt(VERSION, "missing"));
        } else if (!VERSION_PATTERN.matcher(version).matches()) {
            v.add(Mm4Violation.corrupt(VERSION, "not a version x.y.z: '" + version + "'"));
        }
        String transactionId = HeaderText.stripQuotes(h.value(TRANSACTION_ID));
        required(v, TRANSACTION_ID, transactionId);
        String messageId = HeaderText.stripQuotes(h.value(MESSAGE_ID));
        required(v, MESSAGE_ID, messageId);

        Mm4Message.Builder b = Mm4Message.builder(type == null ? Mm4MessageType.FORWARD_REQ : type)
                .mmsVersion(version).transactionId(transactionId).messageId(messageId)
                .originatorSystem(h.value(ORIGINATOR_SYSTEM))
                .ackRequest(yesNo(v, h, ACK_REQUEST))
                .originatorRsDeliveryReport(yesNo(v, h, ORIGINATOR_RS_DELIVERY_REPORT))
                .deliveryReport(yesNo(v, h, DELIVERY_REPORT))
                .readReply(yesNo(v, h, READ_REPLY))
                .messageClass(token(v, h, MESSAGE_CLASS, Mm4MessageClass.class))
                .priority(token(v, h, PRIORITY, Mm4Priority.class))
                .senderVisibility(token(v, h, SENDER_VISIBILITY, Mm4SenderVisibility.class))
                .requestStatus(token(v, h, REQUEST_STATUS_CODE, Mm4RequestStatus.class))
                .statusText(HeaderText.decode(h.value(STATUS_TEXT)))
                .expiry(expiry(v, h))
                .forwardCounter(counter(v, h))
                .previouslySentBy(h.values(PREVIOUSLY_SENT_BY))
                .previouslySentDateAndTime(h.values(PREVIOUSLY_SENT_DATE_AND_TIME))
                .mmStatusText(HeaderText.decode(h.value(MM_STATUS_TEXT)))
                .readStatus(token(v, h, READ_STATUS, Mm4ReadStatus.class))
                .readStatusText(HeaderText.decode(h.value(READ_STATUS_TEXT)))
                .from(mail.from()).to(mail.to()).cc(mail.cc()).sender(mail.sender())
                .subject(mail.subject()).date(mail.date()).mailMessageId(mail.messageId());
        // some MMSCs write X-Mms-Status where X-Mms-MM-Status-Code belongs (PROTOCOLS.md 3.6)
        String statusHeader = h.contains(MM_STATUS_CODE) || !h.contains(STATUS_ALIAS) ? MM_STATUS_CODE : STATUS_ALIAS;
        b.mmStatus(token(v, h, statusHeader, Mm4MmStatus.class));
        if (h.contains("Date") && mail.date() == null) {
            v.add(Mm4Violation.corrupt("Date", "not an RFC 5322 date: '" + h.value("Date") + "'"));
        }
        Mm4Message m = b.build();
        if (type != null) {
            checkType(v, type, m, h, statusHeader);
        }
        if (!v.isEmpty()) {
            return new Mm4ReadResult.Invalid(mail, type, h.value(TRANSACTION_ID), replyAddress(m), v);
        }
        return new Mm4ReadResult.Valid(mail, m);
    }

    /** Where a .RES goes: X-Mms-Originator-System, or Sender as Mbuni falls back to, or null. */
    public static String replyAddress(Mm4Message m) {
        if (m.originatorSystem() != null && !m.originatorSystem().isBlank()) {
            return m.originatorSystem();
        }
        return Optional.ofNullable(m.sender()).map(MailAddress::address).orElse(null);
    }

    private static void checkType(List<Mm4Violation> v, Mm4MessageType type, Mm4Message m, Headers h, String statusHeader) {
        switch (type) {
            case FORWARD_REQ -> {
                if (m.from() == null) {
                    v.add(Mm4Violation.corrupt("From", h.contains("From") ? "no address" : "missing"));
                }
                if (m.to().isEmpty() && m.cc().isEmpty()) {
                    v.add(Mm4Violation.corrupt("To", "no recipient in To or Cc"));
                }
                if (replyAddress(m) == null) {
                    v.add(Mm4Violation.corrupt(ORIGINATOR_SYSTEM, "missing, and no Sender to fall back to"));
                }
            }
            case FORWARD_RES, DELIVERY_REPORT_RES, READ_REPLY_REPORT_RES -> {
                if (!h.contains(REQUEST_STATUS_CODE)) {
                    v.add(Mm4Violation.corrupt(REQUEST_STATUS_CODE, "missing"));
                }
            }
            case DELIVERY_REPORT_REQ -> {
                if (!h.contains(statusHeader)) {
                    v.add(Mm4Violation.corrupt(MM_STATUS_CODE, "missing"));
                }
            }
            case READ_REPLY_REPORT_REQ -> {
                if (!h.contains(READ_STATUS)) {
                    v.add(Mm4Violation.corrupt(READ_STATUS, "missing"));
                }
            }
        }
    }

    private static void required(List<Mm4Violation> v, String header, String value) {
        if (value == null || value.isBlank()) {
            v.add(Mm4Violation.corrupt(header, "missing or empty"));
        }
    }

    private static Boolean yesNo(List<Mm4Violation> v, Headers h, String header) {
        String value = h.value(header);
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("Yes")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("No")) {
            return Boolean.FALSE;
        }
        v.add(Mm4Violation.corrupt(header, "not Yes or No: '" + HeaderText.stripQuotes(value) + "'"));
        return null;
    }

    private static <E extends Enum<E> & Mm4Token> E token(List<Mm4Violation> v, Headers h, String header, Class<E> type) {
        String value = h.value(header);
        if (value == null) {
            return null;
        }
        Optional<E> e = Mm4Token.parse(type, value);
        if (e.isEmpty()) {
            v.add(Mm4Violation.corrupt(header, "unknown value '" + value + "'"));
        }
        return e.orElse(null);
    }

    private static Integer counter(List<Mm4Violation> v, Headers h) {
        String value = h.value(FORWARD_COUNTER);
        if (value == null) {
            return null;
        }
        if (!value.matches("[0-9]{1,9}")) {
            v.add(Mm4Violation.corrupt(FORWARD_COUNTER, "not a non-negative integer: '" + value + "'"));
            return null;
        }
        return Integer.valueOf(value);
    }

    /** Relative seconds (PLAY), an RFC 5322 date (spec) or ISO-8601 (seen in the wild) are accepted. */
    private static String expiry(List<Mm4Violation> v, Headers h) {
        String value = h.value(EXPIRY);
        if (value == null || value.matches("[0-9]{1,10}") || HeaderText.date(value) != null) {
            return value;
        }
        try {
            OffsetDateTime.parse(value);
            return value;
        } catch (DateTimeParseException e) {
            v.add(Mm4Violation.corrupt(EXPIRY, "neither seconds nor a date: '" + value + "'"));
            return null;
        }
    }
}
