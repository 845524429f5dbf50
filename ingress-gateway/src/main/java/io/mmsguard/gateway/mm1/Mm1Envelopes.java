package io.mmsguard.gateway.mm1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Transport;
import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.gateway.Mm1Settings;
import io.mmsguard.gateway.session.EnvelopeParts;
import io.mmsguard.gateway.session.SessionTicket;
import io.netty.handler.codec.http.HttpHeaders;

/** A decoded MM1 PDU and the HTTP request it came in (or was fetched for) as an {@link MmsEnvelope}. */
final class Mm1Envelopes {
    static final String LISTENER = "mm1";
    /** Request headers kept in {@code transport.headers}: what identifies the handset and the path it came by. */
    private static final Set<String> KEPT_HEADERS = Set.of("x-wap-profile", "x-forwarded-for", "via", "accept",
            "x-msisdn", "x-up-subno", "x-imsi", "x-nokia-msisdn", "x-real-ip");

    private Mm1Envelopes() {
    }

    /**
     * @param pdu          the PDU as inspected (with the sender inserted, if it was)
     * @param msisdn       the handset's MSISDN from the configured header or cookie, if any
     * @param originalSize bytes of the PDU as received
     * @param url          the request URL (the MMSC URL of a send, the content location of a retrieval)
     */
    static MmsEnvelope envelope(SessionTicket ticket, Mm1Settings settings, Direction direction, MmsPdu pdu,
                                Optional<SenderAddress.Msisdn> msisdn, long originalSize, HttpHeaders headers,
                                String clientAddress, String url) {
        FromAddress from = pdu.from();
        String fromText = from == null ? null : from.text();
        String sender;
        String senderRaw;
        List<Recipient> recipients = new ArrayList<>();
        if (direction == Direction.RETRIEVE) {
            // the header names the retrieving handset; the sender stays the message's From (hidden: empty)
            sender = SenderAddress.normalise(fromText);
            senderRaw = fromText;
            if (msisdn.isPresent()) {
                recipients.add(recipient(msisdn.get().raw(), msisdn.get().normalised(), RecipientKind.TO));
            } else {
                addRecipients(recipients, pdu);
            }
        } else {
            sender = msisdn.map(SenderAddress.Msisdn::normalised).orElse(SenderAddress.normalise(fromText));
            senderRaw = fromText != null ? fromText : msisdn.map(SenderAddress.Msisdn::raw).orElse(null);
            addRecipients(recipients, pdu);
        }
        ContentType ct = pdu.contentType();
        MessageType type = pdu.messageType();
        MmsEnvelope.Builder b = MmsEnvelope.newBuilder()
                .setMmsInterface(MmsInterface.MM1)
                .setDirection(direction)
                .setMessageType(type == null ? null : type.token())
                .setTransactionId(pdu.transactionId())
                .setMessageId(pdu.messageId())
                .setSender(sender)
                .setSenderRaw(senderRaw)
                .setRecipients(recipients)
                .setSubject(pdu.subject())
                .setContentType(ct == null ? "" : ct.mediaType().toLowerCase(Locale.ROOT))
                .setParts(EnvelopeParts.toAvro(pdu.parts(), settings.inlineLimitBytes()))
                .setOriginalSize(originalSize)
                .setTransport(transport(pdu, msisdn, headers, clientAddress, url))
                .setProfile(settings.profile());
        return ticket.stamp(b).build();
    }

    private static void addRecipients(List<Recipient> out, MmsPdu pdu) {
        pdu.to().forEach(a -> out.add(recipient(a, SenderAddress.normalise(a), RecipientKind.TO)));
        pdu.cc().forEach(a -> out.add(recipient(a, SenderAddress.normalise(a), RecipientKind.CC)));
        pdu.bcc().forEach(a -> out.add(recipient(a, SenderAddress.normalise(a), RecipientKind.BCC)));
    }

    private static Recipient recipient(String raw, String normalised, RecipientKind kind) {
        return Recipient.newBuilder().setAddress(normalised).setKind(kind)
                .setRaw(raw.equals(normalised) ? null : raw).build();
    }

    private static Transport transport(MmsPdu pdu, Optional<SenderAddress.Msisdn> msisdn, HttpHeaders headers,
                                       String clientAddress, String url) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (KEPT_HEADERS.contains(lower)) {
                kept.merge(lower, String.join(", ", headers.getAll(name)), (a, b) -> a + ", " + b);
            }
        }
        return Transport.newBuilder()
                .setListener(LISTENER)
                .setClientAddress(clientAddress)
                .setMsisdnHeaderName(msisdn.map(SenderAddress.Msisdn::name).orElse(null))
                .setMsisdnHeaderValue(msisdn.map(SenderAddress.Msisdn::raw).orElse(null))
                .setMmsVersion(pdu.mmsVersion())
                .setHttpUrl(url)
                .setHttpUserAgent(headers.get("User-Agent"))
                .setHeaders(new LinkedHashMap<>(kept))
                .build();
    }
}
