package io.mmsguard.gateway.mm7;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.EndpointPrefix;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.inspection.profile.EndpointPrefixes;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Transport;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Recipients;
import io.mmsguard.gateway.session.EnvelopeParts;
import io.mmsguard.gateway.session.SessionTicket;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A decoded MM7 request to the envelope the topology inspects: SubmitReq as SEND, DeliverReq as DELIVER (the MMSC
 * handing a message to a VASP; Direction's own mapping).
 */
final class Mm7Envelopes {
    static final String LISTENER = "mm7";

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-]*[0-9][0-9 ().\\-]*");
    private static final Pattern SEPARATORS = Pattern.compile("[ ().\\-]");

    private Mm7Envelopes() {
    }

    /**
     * @param message       the decoded SubmitReq or DeliverReq
     * @param direction     SEND for a SubmitReq, DELIVER for a DeliverReq
     * @param authenticated the VASP id from HTTP basic authentication, or null
     * @param settings      the profile's MM7 settings (where a sender MSISDN header comes from, A9)
     * @param prefix        the profile's endpoint prefix, put in front of a national number from that header
     */
    static MmsEnvelope build(Mm7Message message, Direction direction, InboundRequest request, String authenticated,
                             SessionTicket ticket, String profile, long inlineLimitBytes, InterfaceSettings settings,
                             EndpointPrefix prefix) {
        String vaspId = message.vaspId() != null ? message.vaspId() : authenticated;
        Mm7Address from = direction == Direction.SEND ? message.senderAddress() : message.sender();
        String senderRaw = from != null ? from.value() : vaspId;
        SenderMsisdn msisdn = SenderMsisdn.find(request.headers(), settings.getSenderAddress());
        String sender = msisdn != null ? normalize(EndpointPrefixes.apply(prefix, msisdn.value()))
                : senderRaw == null ? "" : normalize(senderRaw);

        Map<String, String> headers = new HashMap<>();
        if (request.headers().contains("SOAPAction")) {
            headers.put("soapaction", request.headers().get("SOAPAction"));
        }
        Transport transport = Transport.newBuilder()
                .setListener(LISTENER)
                .setClientAddress(request.clientAddress())
                .setMsisdnHeaderName(msisdn == null ? null : msisdn.name())
                .setMsisdnHeaderValue(msisdn == null ? null : msisdn.raw())
                .setMmsVersion(message.mm7Version())
                .setHttpUrl(request.uri())
                .setHttpUserAgent(request.headers().get(HttpHeaderNames.USER_AGENT))
                .setMm4AckRequest(false)
                .setMm7VaspId(vaspId)
                .setMm7VasId(message.vasId())
                .setMm7ServiceCode(message.serviceCode())
                .setMm7LinkedId(message.linkedId())
                .setHeaders(headers)
                .build();
        return ticket.stamp(MmsEnvelope.newBuilder())
                .setMmsInterface(MmsInterface.MM7)
                .setDirection(direction)
                .setMessageType(message.operation().elementName())
                .setTransactionId(message.transactionId())
                .setMessageId(message.messageId())
                .setSender(sender)
                .setSenderRaw(senderRaw)
                .setRecipients(recipients(message.recipients()))
                .setSubject(message.subject())
                .setContentType(mimeType(request.contentType()))
                .setParts(EnvelopeParts.toAvro(message.allParts(), inlineLimitBytes))
                .setOriginalSize(request.body().length)
                .setTransport(transport)
                .setProfile(profile)
                .build();
    }

    private static List<Recipient> recipients(Mm7Recipients recipients) {
        List<Recipient> out = new ArrayList<>();
        if (recipients == null) {
            return out;
        }
        add(out, recipients.to(), RecipientKind.TO);
        add(out, recipients.cc(), RecipientKind.CC);
        add(out, recipients.bcc(), RecipientKind.BCC);
        return out;
    }

    private static void add(List<Recipient> out, List<Mm7Address> addresses, RecipientKind kind) {
        for (Mm7Address a : addresses) {
            String address = normalize(a.value());
            out.add(Recipient.newBuilder().setAddress(address).setKind(kind)
                    .setRaw(address.equals(a.value()) ? null : a.value()).build());
        }
    }

    /**
     * The Recipient.address form: {@code tel:} and {@code /TYPE=} dropped, phone separators removed and a leading
     * 00 written as +, anything else lower case. National numbers stay national (the profile's endpoint prefix is
     * applied downstream).
     */
    static String normalize(String address) {
        String s = address.trim();
        if (s.regionMatches(true, 0, "tel:", 0, 4)) {
            s = s.substring(4);
        }
        int type = s.toUpperCase(Locale.ROOT).indexOf("/TYPE=");
        if (type >= 0) {
            s = s.substring(0, type).trim();
        }
        if (s.indexOf('@') < 0 && PHONE.matcher(s).matches()) {
            s = SEPARATORS.matcher(s).replaceAll("");
            return s.startsWith("00") ? "+" + s.substring(2) : s;
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** Media type of the HTTP body, lower case, without parameters; text/xml when absent (a bare SOAP body). */
    static String mimeType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "text/xml";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
