package io.mmsguard.codec.mm4;

import io.mmsguard.codec.mail.MailAddress;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The MM4 header fields of one MM4 message (3GPP TS 23.140 §8.4, PROTOCOLS.md 3.3), typed. Fields a message type
 * does not carry are null (lists: empty). The MIME body stays in the {@code MailMessage}.
 *
 * @param type                        X-Mms-Message-Type
 * @param mmsVersion                  X-Mms-3GPP-MMS-Version, e.g. {@code 6.10.0}
 * @param transactionId               X-Mms-Transaction-ID, surrounding quotes removed
 * @param messageId                   X-Mms-Message-ID, surrounding quotes removed
 * @param originatorSystem            X-Mms-Originator-System, as written
 * @param ackRequest                  X-Mms-Ack-Request
 * @param requestStatus               X-Mms-Request-Status-Code (.RES)
 * @param statusText                  X-Mms-Status-Text, RFC 2047 decoded
 * @param originatorRsDeliveryReport  X-Mms-Originator-R/S-Delivery-Report
 * @param deliveryReport              X-Mms-Delivery-Report
 * @param readReply                   X-Mms-Read-Reply
 * @param expiry                      X-Mms-Expiry as written: relative seconds or a date
 * @param messageClass                X-Mms-Message-Class
 * @param priority                    X-Mms-Priority
 * @param senderVisibility            X-Mms-Sender-Visibility
 * @param forwardCounter              X-Mms-Forward-Counter
 * @param previouslySentBy            X-Mms-Previously-sent-by fields in order
 * @param previouslySentDateAndTime   X-Mms-Previously-sent-date-and-time fields in order
 * @param mmStatus                    X-Mms-MM-Status-Code (delivery report)
 * @param mmStatusText                X-Mms-MM-Status-Text
 * @param readStatus                  X-Mms-Read-Status (read-reply report)
 * @param readStatusText              X-Mms-Read-Status-Text
 * @param from                        From
 * @param to                          To
 * @param cc                          Cc
 * @param sender                      Sender
 * @param subject                     Subject, RFC 2047 decoded
 * @param date                        Date
 * @param mailMessageId               RFC 5322 Message-ID without angle brackets
 */
public record Mm4Message(Mm4MessageType type,
                          String mmsVersion,
                          String transactionId,
                          String messageId,
                          String originatorSystem,
                          Boolean ackRequest,
                          Mm4RequestStatus requestStatus,
                          String statusText,
                          Boolean originatorRsDeliveryReport,
                          Boolean deliveryReport,
                          Boolean readReply,
                          String expiry,
                          Mm4MessageClass messageClass,
                          Mm4Priority priority,
                          Mm4SenderVisibility senderVisibility,
                          Integer forwardCounter,
                          List<String> previouslySentBy,
                          List<String> previouslySentDateAndTime,
                          Mm4MmStatus mmStatus,
                          String mmStatusText,
                          Mm4ReadStatus readStatus,
                          String readStatusText,
                          MailAddress from,
                          List<MailAddress> to,
                          List<MailAddress> cc,
                          MailAddress sender,
                          String subject,
                          ZonedDateTime date,
                          String mailMessageId) {

    public Mm4Message {
        Objects.requireNonNull(type, "type");
        previouslySentBy = List.copyOf(previouslySentBy);
        previouslySentDateAndTime = List.copyOf(previouslySentDateAndTime);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
    }

    public static Builder builder(Mm4MessageType type) {
        return new Builder(type);
    }

    /** A builder holding this message's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(type);
        Mm4Message m = this;
            b.type = m.type;
            b.mmsVersion = m.mmsVersion;
            b.transactionId = m.transactionId;
            b.messageId = m.messageId;
            b.originatorSystem = m.originatorSystem;
            b.ackRequest = m.ackRequest;
            b.requestStatus = m.requestStatus;
            b.statusText = m.statusText;
            b.originatorRsDeliveryReport = m.originatorRsDeliveryReport;
            b.deliveryReport = m.deliveryReport;
            b.readReply = m.readReply;
            b.expiry = m.expiry;
            b.messageClass = m.messageClass;
            b.priority = m.priority;
            b.senderVisibility = m.senderVisibility;
            b.forwardCounter = m.forwardCounter;
            b.previouslySentBy = m.previouslySentBy;
            b.previouslySentDateAndTime = m.previouslySentDateAndTime;
            b.mmStatus = m.mmStatus;
            b.mmStatusText = m.mmStatusText;
            b.readStatus = m.readStatus;
            b.readStatusText = m.readStatusText;
            b.from = m.from;
            b.to = m.to;
            b.cc = m.cc;
            b.sender = m.sender;
            b.subject = m.subject;
            b.date = m.date;
            b.mailMessageId = m.mailMessageId;
        return b;
    }

    /** Fluent construction: the record has too many components to call its constructor readably. */
    public static final class Builder {
        private Mm4MessageType type;
        private String mmsVersion;
        private String transactionId;
        private String messageId;
        private String originatorSystem;
        private Boolean ackRequest;
        private Mm4RequestStatus requestStatus;
        private String statusText;
        private Boolean originatorRsDeliveryReport;
        private Boolean deliveryReport;
        private Boolean readReply;
        private String expiry;
        private Mm4MessageClass messageClass;
        private Mm4Priority priority;
        private Mm4SenderVisibility senderVisibility;
        private Integer forwardCounter;
        private List<String> previouslySentBy = List.of();
        private List<String> previouslySentDateAndTime = List.of();
        private Mm4MmStatus mmStatus;
        private String mmStatusText;
        private Mm4ReadStatus readStatus;
        private String readStatusText;
        private MailAddress from;
        private List<MailAddress> to = List.of();
        private List<MailAddress> cc = List.of();
        private MailAddress sender;
        private String subject;
        private ZonedDateTime date;
        private String mailMessageId;

        private Builder(Mm4MessageType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder mmsVersion(String value) {
            this.mmsVersion = value;
            return this;
        }

        public Builder transactionId(String value) {
            this.transactionId = value;
            return this;
        }

        public Builder messageId(String value) {
            this.messageId = value;
            return this;
        }

        public Builder originatorSystem(String value) {
            this.originatorSystem = value;
            return this;
        }

        public Builder ackRequest(Boolean value) {
            this.ackRequest = value;
            return this;
        }

        public Builder requestStatus(Mm4RequestStatus value) {
            this.requestStatus = value;
            return this;
        }

        public Builder statusText(String value) {
            this.statusText = value;
            return this;
        }

        public Builder originatorRsDeliveryReport(Boolean value) {
            this.originatorRsDeliveryReport = value;
            return this;
        }

        public Builder deliveryReport(Boolean value) {
            this.deliveryReport = value;
            return this;
        }

        public Builder readReply(Boolean value) {
            this.readReply = value;
            return this;
        }

        public Builder expiry(String value) {
            this.expiry = value;
            return this;
        }

        public Builder messageClass(Mm4MessageClass value) {
            this.messageClass = value;
            return this;
        }

        public Builder priority(Mm4Priority value) {
            this.priority = value;
            return this;
        }

        public Builder senderVisibility(Mm4SenderVisibility value) {
            this.senderVisibility = value;
            return this;
        }

        public Builder forwardCounter(Integer value) {
            this.forwardCounter = value;
            return this;
        }

        public Builder previouslySentBy(List<String> value) {
            this.previouslySentBy = value;
            return this;
        }

        public Builder previouslySentDateAndTime(List<String> value) {
            this.previouslySentDateAndTime = value;
            return this;
        }

        public Builder mmStatus(Mm4MmStatus value) {
            this.mmStatus = value;
            return this;
        }

        public Builder mmStatusText(String value) {
            this.mmStatusText = value;
            return this;
        }

        public Builder readStatus(Mm4ReadStatus value) {
            this.readStatus = value;
            return this;
        }

        public Builder readStatusText(String value) {
            this.readStatusText = value;
            return this;
        }

        public Builder from(MailAddress value) {
            this.from = value;
            return this;
        }

        public Builder to(List<MailAddress> value) {
            this.to = value;
            return this;
        }

        public Builder cc(List<MailAddress> value) {
            this.cc = value;
            return this;
        }

        public Builder sender(MailAddress value) {
            this.sender = value;
            return this;
        }

        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        public Builder date(ZonedDateTime value) {
            this.date = value;
            return this;
        }

        public Builder mailMessageId(String value) {
            this.mailMessageId = value;
            return this;
        }

        public Mm4Message build() {
            return new Mm4Message(type, mmsVersion, transactionId, messageId, originatorSystem, ackRequest, requestStatus, statusText, originatorRsDeliveryReport, deliveryReport, readReply, expiry, messageClass, priority, senderVisibility, forwardCounter, previouslySentBy, previouslySentDateAndTime, mmStatus, mmStatusText, readStatus, readStatusText, from, to, cc, sender, subject, date, mailMessageId);
        }
    }
}
