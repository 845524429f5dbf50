package io.mmsguard.codec.mm7;

import io.mmsguard.codec.MessagePart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One MM7 SOAP message (request, response or fault) as the gateway and topology see it: the SOAP header, the
 * typed elements of PROTOCOLS.md 4.4 that mmsguard uses, and the attached content as {@link MessagePart}s.
 *
 * <p>One flat shape for every operation: an element that an operation does not carry is null. Strings are the
 * trimmed element text, kept as sent (dates, durations and enumerations are not normalised, so a peer's odd value
 * survives a round trip). Lists and the map are never null.
 *
 * @param operation the operation, from the SOAP Body element's local name
 * @param namespace MM7 namespace URI the peer used (kept verbatim, also for unknown versions); see {@link Mm7Namespace}
 * @param transactionId SOAP header TransactionID, trimmed, or null
 * @param mustUnderstand TransactionID's env:mustUnderstand attribute ("1"/"true"), or null when absent
 * @param mm7Version MM7Version, e.g. 6.8.0
 * @param mmsRelayServerId MMSRelayServerID (R/S requests)
 * @param vaspId VASPID: in SenderIdentification (VASP requests) or directly under DeliverReq
 * @param vasId VASID, placed as vaspId
 * @param senderAddress SenderIdentification/SenderAddress (VASP requests)
 * @param sender Sender (DeliverReq; DeliveryReportReq and ReadReplyReq: the original sender)
 * @param recipient Recipient (DeliveryReportReq, ReadReplyReq: the original recipient)
 * @param recipients Recipients To/Cc/Bcc
 * @param serviceCode ServiceCode
 * @param linkedId LinkedID
 * @param messageClass MessageClass (Personal, Informational, Advertisement, Auto; kept as sent)
 * @param timeStamp TimeStamp, as sent (xs:dateTime)
 * @param replyChargingId ReplyChargingID (DeliverReq)
 * @param earliestDeliveryTime EarliestDeliveryTime, as sent (dateTime or duration)
 * @param expiryDate ExpiryDate, as sent (dateTime or duration)
 * @param deliveryReport DeliveryReport
 * @param readReply ReadReply
 * @param priority Priority (Normal, High, Low; kept as sent)
 * @param subject Subject
 * @param chargedParty ChargedParty (kept as sent)
 * @param distributionIndicator DistributionIndicator
 * @param applicId ApplicID (Rel-6)
 * @param replyApplicId ReplyApplicID (Rel-6)
 * @param auxApplicInfo AuxApplicInfo (Rel-6)
 * @param uaCapabilities UACapabilities attributes
 * @param contentRef the first Content element (href, allowAdaptations)
 * @param messageId MessageID (SubmitRsp, CancelReq, ReplaceReq, DeliveryReportReq, ReadReplyReq)
 * @param date Date (DeliveryReportReq)
 * @param mmStatus MMStatus (DeliveryReportReq, ReadReplyReq)
 * @param mmStatusExtension MMStatusExtension (DeliveryReportReq)
 * @param mmStatusText StatusText directly under DeliveryReportReq/ReadReplyReq (not the one inside Status)
 * @param status Status of a response (also of RSErrorRsp/VASPErrorRsp inside a fault)
 * @param fault SOAP Fault faultcode/faultstring, when the body was a Fault
 * @param content leaf parts of the entity the Content href refers to, in wire order (nested multiparts flattened)
 * @param unreferencedContent leaf parts of attachments no Content href refers to: scanners must see them too
 * @param embeddedContent parts inside leaves of content or unreferencedContent (an attached mail's leaves, uuencoded
 *                        files): scanners must see them, the encoder never writes them (they travel in their leaf)
 * @param otherElements child elements of the operation element the codec does not model: local name to trimmed text (first occurrence); never encoded
 */
public record Mm7Message(Mm7Operation operation,
                         String namespace,
                         String transactionId,
                         Boolean mustUnderstand,
                         String mm7Version,
                         String mmsRelayServerId,
                         String vaspId,
                         String vasId,
                         Mm7Address senderAddress,
                         Mm7Address sender,
                         Mm7Address recipient,
                         Mm7Recipients recipients,
                         String serviceCode,
                         String linkedId,
                         String messageClass,
                         String timeStamp,
                         String replyChargingId,
                         String earliestDeliveryTime,
                         String expiryDate,
                         Boolean deliveryReport,
                         Boolean readReply,
                         String priority,
                         String subject,
                         String chargedParty,
                         Boolean distributionIndicator,
                         String applicId,
                         String replyApplicId,
                         String auxApplicInfo,
                         Mm7UaCapabilities uaCapabilities,
                         Mm7ContentRef contentRef,
                         String messageId,
                         String date,
                         String mmStatus,
                         String mmStatusExtension,
                         String mmStatusText,
                         Mm7Status status,
                         Mm7Fault fault,
                         List<MessagePart> content,
                         List<MessagePart> unreferencedContent,
                         List<MessagePart> embeddedContent,
                         Map<String, String> otherElements) {

    public Mm7Message {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(namespace, "namespace");
        content = List.copyOf(content == null ? List.of() : content);
        unreferencedContent = List.copyOf(unreferencedContent == null ? List.of() : unreferencedContent);
        embeddedContent = List.copyOf(embeddedContent == null ? List.of() : embeddedContent);
        otherElements = otherElements == null ? Map.of() : Map.copyOf(otherElements);
    }

    /**
     * Content, unreferenced attachments and embedded parts, in this order: everything a scanner must inspect. The
     * first {@code content().size() + unreferencedContent().size()} are the parts an encoder writes.
     */
    public List<MessagePart> allParts() {
        if (unreferencedContent.isEmpty() && embeddedContent.isEmpty()) {
            return content;
        }
        var all = new java.util.ArrayList<MessagePart>(content);
        all.addAll(unreferencedContent);
        all.addAll(embeddedContent);
        return List.copyOf(all);
    }

    /** The status code as a known {@link Mm7StatusCode} (unknown codes map to their class), or null without Status. */
    public Mm7StatusCode statusCode() {
        return status == null ? null : Mm7StatusCode.of(status.code());
    }

    public static Builder builder(Mm7Operation operation, String namespace) {
        return new Builder().operation(operation).namespace(namespace);
    }

    public Builder toBuilder() {
        Builder b = new Builder();

        b.operation = operation;
        b.namespace = namespace;
        b.transactionId = transactionId;
        b.mustUnderstand = mustUnderstand;
        b.mm7Version = mm7Version;
        b.mmsRelayServerId = mmsRelayServerId;
        b.vaspId = vaspId;
        b.vasId = vasId;
        b.senderAddress = senderAddress;
        b.sender = sender;
        b.recipient = recipient;
        b.recipients = recipients;
        b.serviceCode = serviceCode;
        b.linkedId = linkedId;
        b.messageClass = messageClass;
        b.timeStamp = timeStamp;
        b.replyChargingId = replyChargingId;
        b.earliestDeliveryTime = earliestDeliveryTime;
        b.expiryDate = expiryDate;
        b.deliveryReport = deliveryReport;
        b.readReply = readReply;
        b.priority = priority;
        b.subject = subject;
        b.chargedParty = chargedParty;
        b.distributionIndicator = distributionIndicator;
        b.applicId = applicId;
        b.replyApplicId = replyApplicId;
        b.auxApplicInfo = auxApplicInfo;
        b.uaCapabilities = uaCapabilities;
        b.contentRef = contentRef;
        b.messageId = messageId;
        b.date = date;
        b.mmStatus = mmStatus;
        b.mmStatusExtension = mmStatusExtension;
        b.mmStatusText = mmStatusText;
        b.status = status;
        b.fault = fault;
        b.content = content;
        b.unreferencedContent = unreferencedContent;
        b.embeddedContent = embeddedContent;
        b.otherElements = otherElements;
        return b;
    }

    /** Mutable builder; {@link #build()} validates only operation and namespace. */
    public static final class Builder {
        private Mm7Operation operation;
        private String namespace;
        private String transactionId;
        private Boolean mustUnderstand;
        private String mm7Version;
        private String mmsRelayServerId;
        private String vaspId;
        private String vasId;
        private Mm7Address senderAddress;
        private Mm7Address sender;
        private Mm7Address recipient;
        private Mm7Recipients recipients;
        private String serviceCode;
        private String linkedId;
        private String messageClass;
        private String timeStamp;
        private String replyChargingId;
        private String earliestDeliveryTime;
        private String expiryDate;
        private Boolean deliveryReport;
        private Boolean readReply;
        private String priority;
        private String subject;
        private String chargedParty;
        private Boolean distributionIndicator;
        private String applicId;
        private String replyApplicId;
        private String auxApplicInfo;
        private Mm7UaCapabilities uaCapabilities;
        private Mm7ContentRef contentRef;
        private String messageId;
        private String date;
        private String mmStatus;
        private String mmStatusExtension;
        private String mmStatusText;
        private Mm7Status status;
        private Mm7Fault fault;
        private List<MessagePart> content = List.of();
        private List<MessagePart> unreferencedContent = List.of();
        private List<MessagePart> embeddedContent = List.of();
        private Map<String, String> otherElements = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder operation(Mm7Operation operation) {
            this.operation = operation;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder transactionId(String transactionId) {
            this.transactionId = transactionId;
            return this;
        }

        public Builder mustUnderstand(Boolean mustUnderstand) {
            this.mustUnderstand = mustUnderstand;
            return this;
        }

        public Builder mm7Version(String mm7Version) {
            this.mm7Version = mm7Version;
            return this;
        }

        public Builder mmsRelayServerId(String mmsRelayServerId) {
            this.mmsRelayServerId = mmsRelayServerId;
            return this;
        }

        public Builder vaspId(String vaspId) {
            this.vaspId = vaspId;
            return this;
        }

        public Builder vasId(String vasId) {
            this.vasId = vasId;
            return this;
        }

        public Builder senderAddress(Mm7Address senderAddress) {
            this.senderAddress = senderAddress;
            return this;
        }

        public Builder sender(Mm7Address sender) {
            this.sender = sender;
            return this;
        }

        public Builder recipient(Mm7Address recipient) {
            this.recipient = recipient;
            return this;
        }

        public Builder recipients(Mm7Recipients recipients) {
            this.recipients = recipients;
            return this;
        }

        public Builder serviceCode(String serviceCode) {
            this.serviceCode = serviceCode;
            return this;
        }

        public Builder linkedId(String linkedId) {
            this.linkedId = linkedId;
            return this;
        }

        public Builder messageClass(String messageClass) {
            this.messageClass = messageClass;
            return this;
        }

        public Builder timeStamp(String timeStamp) {
            this.timeStamp = timeStamp;
            return this;
        }

        public Builder replyChargingId(String replyChargingId) {
            this.replyChargingId = replyChargingId;
            return this;
        }

        public Builder earliestDeliveryTime(String earliestDeliveryTime) {
            this.earliestDeliveryTime = earliestDeliveryTime;
            return this;
        }

        public Builder expiryDate(String expiryDate) {
            this.expiryDate = expiryDate;
            return this;
        }

        public Builder deliveryReport(Boolean deliveryReport) {
            this.deliveryReport = deliveryReport;
            return this;
        }

        public Builder readReply(Boolean readReply) {
            this.readReply = readReply;
            return this;
        }

        public Builder priority(String priority) {
            this.priority = priority;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder chargedParty(String chargedParty) {
            this.chargedParty = chargedParty;
            return this;
        }

        public Builder distributionIndicator(Boolean distributionIndicator) {
            this.distributionIndicator = distributionIndicator;
            return this;
        }

        public Builder applicId(String applicId) {
            this.applicId = applicId;
            return this;
        }

        public Builder replyApplicId(String replyApplicId) {
            this.replyApplicId = replyApplicId;
            return this;
        }

        public Builder auxApplicInfo(String auxApplicInfo) {
            this.auxApplicInfo = auxApplicInfo;
            return this;
        }

        public Builder uaCapabilities(Mm7UaCapabilities uaCapabilities) {
            this.uaCapabilities = uaCapabilities;
            return this;
        }

        public Builder contentRef(Mm7ContentRef contentRef) {
            this.contentRef = contentRef;
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder date(String date) {
            this.date = date;
            return this;
        }

        public Builder mmStatus(String mmStatus) {
            this.mmStatus = mmStatus;
            return this;
        }

        public Builder mmStatusExtension(String mmStatusExtension) {
            this.mmStatusExtension = mmStatusExtension;
            return this;
        }

        public Builder mmStatusText(String mmStatusText) {
            this.mmStatusText = mmStatusText;
            return this;
        }

        public Builder status(Mm7Status status) {
            this.status = status;
            return this;
        }

        public Builder fault(Mm7Fault fault) {
            this.fault = fault;
            return this;
        }

        public Builder content(List<MessagePart> content) {
            this.content = content;
            return this;
        }

        public Builder unreferencedContent(List<MessagePart> unreferencedContent) {
            this.unreferencedContent = unreferencedContent;
            return this;
        }

        public Builder embeddedContent(List<MessagePart> embeddedContent) {
            this.embeddedContent = embeddedContent;
            return this;
        }

        public Builder otherElements(Map<String, String> otherElements) {
            this.otherElements = otherElements;
            return this;
        }

        /** Adds one unmodelled element (first occurrence wins). */
        public Builder otherElement(String localName, String text) {
            if (!(otherElements instanceof LinkedHashMap)) {
                otherElements = new LinkedHashMap<>(otherElements);
            }
            otherElements.putIfAbsent(localName, text);
            return this;
        }

        public Mm7Operation operation() {
            return operation;
        }

        public Mm7ContentRef contentRef() {
            return contentRef;
        }

        public Mm7Message build() {
            return new Mm7Message(operation, namespace, transactionId, mustUnderstand, mm7Version, mmsRelayServerId, vaspId, vasId, senderAddress, sender, recipient, recipients, serviceCode, linkedId, messageClass, timeStamp, replyChargingId, earliestDeliveryTime, expiryDate, deliveryReport, readReply, priority, subject, chargedParty, distributionIndicator, applicId, replyApplicId, auxApplicInfo, uaCapabilities, contentRef, messageId, date, mmStatus, mmStatusExtension, mmStatusText, status, fault, content, unreferencedContent, embeddedContent, otherElements);
        }
    }
}
