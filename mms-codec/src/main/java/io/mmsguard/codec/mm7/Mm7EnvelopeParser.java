package io.mmsguard.codec.mm7;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a SOAP 1.1 envelope tree to an {@link Mm7Message.Builder} (no attachments). Elements are matched by local
 * name in any order, whatever their prefix or namespace, because peers differ (PROTOCOLS.md 4.1, 4.2); elements it
 * does not model are kept as text in {@code otherElements}.
 */
final class Mm7EnvelopeParser {

    private final DecodeLimits limits;

    Mm7EnvelopeParser(DecodeLimits limits) {
        this.limits = limits;
    }

    Mm7Message.Builder parse(XmlElement envelope) {
        if (!envelope.localName().equals("Envelope") || !Mm7Namespace.isSoapEnvelope(envelope.namespace())) {
            throw new MalformedMessageException("not a SOAP 1.1 Envelope: {" + envelope.namespace() + "}"
                    + envelope.localName());
        }
        XmlElement transactionId = null;
        XmlElement header = envelope.child("Header");
        if (header != null) {
            transactionId = header.child("TransactionID");
        }
        XmlElement body = envelope.child("Body");
        if (body == null) {
            throw new MalformedMessageException("SOAP Envelope has no Body");
        }
        if (body.children().isEmpty()) {
            throw new MalformedMessageException("SOAP Body is empty");
        }
        XmlElement operationElement = body.children().get(0);
        Mm7Fault fault = null;
        if (operationElement.localName().equals("Fault") && Mm7Namespace.isSoapEnvelope(operationElement.namespace())) {
            fault = new Mm7Fault(operationElement.childText("faultcode"), operationElement.childText("faultstring"));
            XmlElement detail = operationElement.child("detail");
            XmlElement error = detail == null || detail.children().isEmpty() ? null : detail.children().get(0);
            operationElement = error != null && isErrorResponse(error.localName()) ? error : null;
        }

        String namespace;
        Mm7Operation operation;
        if (operationElement == null) {
            operation = Mm7Operation.FAULT;
            namespace = transactionId != null ? transactionId.namespace() : "";
        } else {
            operation = Mm7Operation.ofElement(operationElement.localName());
            namespace = operationElement.namespace();
        }
        Mm7Message.Builder b = Mm7Message.builder(operation, namespace).fault(fault);
        if (transactionId != null) {
            b.transactionId(transactionId.text());
            String mu = transactionId.attributes().get("mustUnderstand");
            b.mustUnderstand(mu == null ? null : bool("mustUnderstand", mu));
        }
        if (operationElement != null) {
            readElements(operationElement, b);
        }
        return b;
    }

    private static boolean isErrorResponse(String localName) {
        return localName.equals("RSErrorRsp") || localName.equals("VASPErrorRsp");
    }

    private void readElements(XmlElement op, Mm7Message.Builder b) {
        Mm7ContentRef content = null;
        for (XmlElement e : op.children()) {
            String t = e.text();
            switch (e.localName()) {
                case "MM7Version" -> b.mm7Version(t);
                case "MMSRelayServerID" -> b.mmsRelayServerId(t);
                case "VASPID" -> b.vaspId(t);
                case "VASID" -> b.vasId(t);
                case "SenderIdentification" -> {
                    b.vaspId(e.childText("VASPID")).vasId(e.childText("VASID"));
                    XmlElement sa = e.child("SenderAddress");
                    b.senderAddress(sa == null ? null : address(sa));
                }
                case "Sender" -> b.sender(address(e));
                case "Recipient" -> b.recipient(address(e));
                case "Recipients" -> b.recipients(recipients(e));
                case "ServiceCode" -> b.serviceCode(t);
                case "LinkedID" -> b.linkedId(t);
                case "MessageClass" -> b.messageClass(t);
                case "TimeStamp" -> b.timeStamp(t);
                case "ReplyChargingID" -> b.replyChargingId(t);
                case "EarliestDeliveryTime" -> b.earliestDeliveryTime(t);
                case "ExpiryDate" -> b.expiryDate(t);
                case "DeliveryReport" -> b.deliveryReport(bool("DeliveryReport", t));
                case "ReadReply" -> b.readReply(bool("ReadReply", t));
                case "Priority" -> b.priority(t);
                case "Subject" -> b.subject(t);
                case "ChargedParty" -> b.chargedParty(t);
                case "DistributionIndicator" -> b.distributionIndicator(bool("DistributionIndicator", t));
                case "ApplicID" -> b.applicId(t);
                case "ReplyApplicID" -> b.replyApplicId(t);
                case "AuxApplicInfo" -> b.auxApplicInfo(t);
                case "UACapabilities" -> b.uaCapabilities(new Mm7UaCapabilities(e.attributes().get("UAProf"),
                        e.attributes().get("TimeStamp")));
                case "Content" -> {
                    if (content == null) { // several Content elements are legal; the first names the MM
                        String href = e.attributes().get("href");
                        String adapt = e.attributes().get("allowAdaptations");
                        content = new Mm7ContentRef(href == null ? null : href.trim(),
                                adapt == null ? null : bool("allowAdaptations", adapt));
                    }
                }
                case "MessageID" -> b.messageId(t);
                case "Date" -> b.date(t);
                case "MMStatus" -> b.mmStatus(t);
                case "MMStatusExtension" -> b.mmStatusExtension(t);
                case "StatusText" -> b.mmStatusText(t);
                case "Status" -> b.status(status(e));
                default -> b.otherElement(e.localName(), e.deepText());
            }
        }
        b.contentRef(content);
    }

    private Mm7Recipients recipients(XmlElement e) {
        List<Mm7Address> to = new ArrayList<>();
        List<Mm7Address> cc = new ArrayList<>();
        List<Mm7Address> bcc = new ArrayList<>();
        for (XmlElement list : e.children()) {
            List<Mm7Address> target = switch (list.localName()) {
                case "To" -> to;
                case "Cc" -> cc;
                case "Bcc" -> bcc;
                default -> null;
            };
            if (target == null) {
                continue;
            }
            for (XmlElement a : list.children()) {
                Mm7Address.Kind kind = Mm7Address.Kind.ofElement(a.localName());
                if (kind != null) {
                    target.add(address(kind, a));
                    DecodeLimits.check("maxRecipients", to.size() + cc.size() + bcc.size(), limits.maxRecipients());
                }
            }
        }
        return new Mm7Recipients(to, cc, bcc);
    }

    /** The first Number/ShortCode/RFC2822Address child of an addressType element, or null when it has none. */
    private static Mm7Address address(XmlElement holder) {
        for (XmlElement a : holder.children()) {
            Mm7Address.Kind kind = Mm7Address.Kind.ofElement(a.localName());
            if (kind != null) {
                return address(kind, a);
            }
        }
        return null;
    }

    private static Mm7Address address(Mm7Address.Kind kind, XmlElement a) {
        String value = a.text();
        if (kind == Mm7Address.Kind.NUMBER) {
            // Nokia and Mbuni append the WAP address type; the number itself is what policy keys on.
            int slash = value.toUpperCase(Locale.ROOT).lastIndexOf("/TYPE=");
            if (slash >= 0) {
                value = value.substring(0, slash).trim();
            }
        }
        String displayOnly = a.attributes().get("displayOnly");
        return new Mm7Address(kind, value, displayOnly == null ? null : bool("displayOnly", displayOnly),
                a.attributes().get("addressCoding"));
    }

    private static Mm7Status status(XmlElement e) {
        String code = e.childText("StatusCode");
        if (code == null) {
            throw new MalformedMessageException("Status without StatusCode");
        }
        int value;
        try {
            value = Integer.parseInt(code);
        } catch (NumberFormatException ex) {
            throw new MalformedMessageException("StatusCode is not a number: '" + abbreviate(code) + "'");
        }
        if (value <= 0) {
            throw new MalformedMessageException("StatusCode is not a positive integer: " + value);
        }
        XmlElement details = e.child("Details");
        return new Mm7Status(value, e.childText("StatusText"), details == null ? null : details.deepText());
    }

    /** xs:boolean, case-insensitive because the spec example and some peers send "True". */
    static boolean bool(String element, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new MalformedMessageException(element + " is not a boolean: '" + abbreviate(value) + "'");
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
