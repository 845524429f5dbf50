package io.mmsguard.codec.mm7;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link Mm7Message} as a SOAP 1.1 envelope, in the message's own namespace, with the operation's
 * elements in the schema sequence order of PROTOCOLS.md 4.4 (an MM7 peer may validate order). Elements the
 * operation does not have are not written even when set; {@code otherElements} is never written.
 */
final class Mm7EnvelopeWriter {

    private static final List<String> APPLIC = List.of("ApplicID", "ReplyApplicID", "AuxApplicInfo");

    /** Element sequence per operation, after which each named element is written if the model has it. */
    private static final Map<Mm7Operation, List<String>> ORDER = Map.ofEntries(
            Map.entry(Mm7Operation.SUBMIT_REQ, concat(List.of("MM7Version", "SenderIdentification", "Recipients",
                    "ServiceCode", "LinkedID", "MessageClass", "TimeStamp", "EarliestDeliveryTime", "ExpiryDate",
                    "DeliveryReport", "ReadReply", "Priority", "Subject", "ChargedParty", "DistributionIndicator"),
                    APPLIC, List.of("Content"))),
            Map.entry(Mm7Operation.DELIVER_REQ, concat(List.of("MM7Version", "MMSRelayServerID", "VASPID", "VASID",
                    "LinkedID", "Sender", "Recipients", "TimeStamp", "ReplyChargingID", "Priority", "Subject"),
                    APPLIC, List.of("UACapabilities", "Content"))),
            Map.entry(Mm7Operation.CANCEL_REQ, concat(List.of("MM7Version", "SenderIdentification", "MessageID",
                    "Recipients"), APPLIC)),
            Map.entry(Mm7Operation.REPLACE_REQ, concat(List.of("MM7Version", "SenderIdentification", "MessageID",
                    "ServiceCode", "TimeStamp", "ReadReply", "EarliestDeliveryTime", "DistributionIndicator"),
                    APPLIC, List.of("Content"))),
            Map.entry(Mm7Operation.DELIVERY_REPORT_REQ, concat(List.of("MM7Version", "MMSRelayServerID", "MessageID",
                    "Recipient", "Sender", "Date", "MMStatus", "MMStatusExtension", "StatusText"), APPLIC,
                    List.of("UACapabilities"))),
            Map.entry(Mm7Operation.READ_REPLY_REQ, concat(List.of("MM7Version", "MMSRelayServerID", "MessageID",
                    "Recipient", "Sender", "TimeStamp", "MMStatus", "StatusText"), APPLIC)),
            Map.entry(Mm7Operation.SUBMIT_RSP, concat(List.of("MM7Version", "Status", "MessageID"), APPLIC)),
            Map.entry(Mm7Operation.DELIVER_RSP, List.of("MM7Version", "Status", "ServiceCode")));

    private static final List<String> GENERIC_RESPONSE = List.of("MM7Version", "Status");

    byte[] write(Mm7Message m) {
        List<String> order = ORDER.get(m.operation());
        if (order == null) {
            if (!m.operation().isResponse()) {
                throw new IllegalArgumentException("encoding " + m.operation() + " is not supported");
            }
            order = GENERIC_RESPONSE;
        }
        if (m.namespace().isEmpty()) {
            throw new IllegalArgumentException("an MM7 message needs a namespace");
        }
        boolean isFault = m.operation() == Mm7Operation.RS_ERROR_RSP || m.operation() == Mm7Operation.VASP_ERROR_RSP;
        StringBuilder sb = new StringBuilder(1024);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<env:Envelope xmlns:env=\"").append(Mm7Namespace.SOAP_ENV).append("\">\n");
        if (m.transactionId() != null) {
            sb.append(" <env:Header>\n  <mm7:TransactionID xmlns:mm7=\"").append(attr(m.namespace())).append('"');
            if (m.mustUnderstand() != null) {
                sb.append(" env:mustUnderstand=\"").append(m.mustUnderstand() ? "1" : "0").append('"');
            }
            sb.append('>').append(text(m.transactionId())).append("</mm7:TransactionID>\n </env:Header>\n");
        }
        sb.append(" <env:Body>\n");
        if (isFault) {
            Mm7Fault f = m.fault() != null ? m.fault() : new Mm7Fault(null, null);
            Mm7StatusCode code = m.statusCode() != null ? m.statusCode() : Mm7StatusCode.CLIENT_ERROR;
            String faultCode = f.faultCode() != null ? f.faultCode() : "env:" + code.faultCode();
            String faultString = f.faultString() != null ? f.faultString() : code.faultCode() + " error";
            sb.append("  <env:Fault>\n   <faultcode>").append(text(faultCode)).append("</faultcode>\n");
            sb.append("   <faultstring>").append(text(faultString)).append("</faultstring>\n   <detail>\n");
        }
        String op = m.operation().elementName();
        sb.append("  <").append(op).append(" xmlns=\"").append(attr(m.namespace())).append("\">\n");
        for (String element : order) {
            writeElement(sb, element, m);
        }
        sb.append("  </").append(op).append(">\n");
        if (isFault) {
            sb.append("   </detail>\n  </env:Fault>\n");
        }
        sb.append(" </env:Body>\n</env:Envelope>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeElement(StringBuilder sb, String name, Mm7Message m) {
        switch (name) {
            case "MM7Version" -> simple(sb, name, m.mm7Version());
            case "MMSRelayServerID" -> simple(sb, name, m.mmsRelayServerId());
            case "VASPID" -> simple(sb, name, m.vaspId());
            case "VASID" -> simple(sb, name, m.vasId());
            case "SenderIdentification" -> {
                if (m.vaspId() != null || m.vasId() != null || m.senderAddress() != null) {
                    sb.append("   <SenderIdentification>");
                    simpleInline(sb, "VASPID", m.vaspId());
                    simpleInline(sb, "VASID", m.vasId());
                    if (m.senderAddress() != null) {
                        sb.append("<SenderAddress>");
                        address(sb, m.senderAddress());
                        sb.append("</SenderAddress>");
                    }
                    sb.append("</SenderIdentification>\n");
                }
            }
            case "Sender" -> addressHolder(sb, name, m.sender());
            case "Recipient" -> addressHolder(sb, name, m.recipient());
            case "Recipients" -> {
                if (m.recipients() != null) {
                    sb.append("   <Recipients>");
                    addressList(sb, "To", m.recipients().to());
                    addressList(sb, "Cc", m.recipients().cc());
                    addressList(sb, "Bcc", m.recipients().bcc());
                    sb.append("</Recipients>\n");
                }
            }
            case "ServiceCode" -> simple(sb, name, m.serviceCode());
            case "LinkedID" -> simple(sb, name, m.linkedId());
            case "MessageClass" -> simple(sb, name, m.messageClass());
            case "TimeStamp" -> simple(sb, name, m.timeStamp());
            case "ReplyChargingID" -> simple(sb, name, m.replyChargingId());
            case "EarliestDeliveryTime" -> simple(sb, name, m.earliestDeliveryTime());
            case "ExpiryDate" -> simple(sb, name, m.expiryDate());
            case "DeliveryReport" -> simple(sb, name, bool(m.deliveryReport()));
            case "ReadReply" -> simple(sb, name, bool(m.readReply()));
            case "Priority" -> simple(sb, name, m.priority());
            case "Subject" -> simple(sb, name, m.subject());
            case "ChargedParty" -> simple(sb, name, m.chargedParty());
            case "DistributionIndicator" -> simple(sb, name, bool(m.distributionIndicator()));
            case "ApplicID" -> simple(sb, name, m.applicId());
            case "ReplyApplicID" -> simple(sb, name, m.replyApplicId());
            case "AuxApplicInfo" -> simple(sb, name, m.auxApplicInfo());
            case "UACapabilities" -> {
                Mm7UaCapabilities ua = m.uaCapabilities();
                if (ua != null) {
                    sb.append("   <UACapabilities");
                    optionalAttr(sb, "UAProf", ua.uaProf());
                    optionalAttr(sb, "TimeStamp", ua.timeStamp());
                    sb.append("/>\n");
                }
            }
            case "Content" -> {
                Mm7ContentRef c = m.contentRef();
                if (c != null) {
                    sb.append("   <Content");
                    optionalAttr(sb, "href", c.href());
                    optionalAttr(sb, "allowAdaptations", bool(c.allowAdaptations()));
                    sb.append("/>\n");
                }
            }
            case "MessageID" -> simple(sb, name, m.messageId());
            case "Date" -> simple(sb, name, m.date());
            case "MMStatus" -> simple(sb, name, m.mmStatus());
            case "MMStatusExtension" -> simple(sb, name, m.mmStatusExtension());
            case "StatusText" -> simple(sb, name, m.mmStatusText());
            case "Status" -> {
                Mm7Status s = m.status();
                if (s != null) {
                    sb.append("   <Status><StatusCode>").append(s.code()).append("</StatusCode>");
                    simpleInline(sb, "StatusText", s.text());
                    simpleInline(sb, "Details", s.details());
                    sb.append("</Status>\n");
                }
            }
            default -> throw new IllegalStateException("no writer for " + name);
        }
    }

    private static void addressHolder(StringBuilder sb, String name, Mm7Address a) {
        if (a != null) {
            sb.append("   <").append(name).append('>');
            address(sb, a);
            sb.append("</").append(name).append(">\n");
        }
    }

    private static void addressList(StringBuilder sb, String name, List<Mm7Address> list) {
        if (!list.isEmpty()) {
            sb.append('<').append(name).append('>');
            list.forEach(a -> address(sb, a));
            sb.append("</").append(name).append('>');
        }
    }

    private static void address(StringBuilder sb, Mm7Address a) {
        String el = a.kind().elementName();
        sb.append('<').append(el);
        optionalAttr(sb, "displayOnly", bool(a.displayOnly()));
        optionalAttr(sb, "addressCoding", a.addressCoding());
        sb.append('>').append(text(a.value())).append("</").append(el).append('>');
    }

    private static void simple(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append("   ");
            simpleInline(sb, name, value);
            sb.append('\n');
        }
    }

    private static void simpleInline(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append('<').append(name).append('>').append(text(value)).append("</").append(name).append('>');
        }
    }

    private static void optionalAttr(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append(' ').append(name).append("=\"").append(attr(value)).append('"');
        }
    }

    private static String bool(Boolean b) {
        return b == null ? null : b.toString();
    }

    private static String text(String s) {
        return escape(s, false);
    }

    private static String attr(String s) {
        return escape(s, true);
    }

    /** Escapes markup; characters XML 1.0 cannot carry at all are a caller bug, not something to hide. */
    private static String escape(String s, boolean attribute) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#13;");
                case '\t', '\n' -> out.append(attribute ? "&#" + (int) c + ";" : String.valueOf(c));
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException("character U+" + Integer.toHexString(c)
                                + " cannot be written in XML 1.0");
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
