package io.mmsguard.gateway.mm3;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Transport;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.gateway.mm1.SenderAddress;
import io.mmsguard.gateway.session.EnvelopeParts;
import io.mmsguard.gateway.session.SessionTicket;
import io.mmsguard.gateway.smtp.SmtpTransaction;

/**
 * A parsed mail and the SMTP transaction it came in as an {@link MmsEnvelope} (MM3, and the common part of MM4).
 * The sender is the From header's mailbox, else MAIL FROM (PROTOCOLS.md 2: both are kept, MAIL FROM in the
 * transport); the recipients are the RCPT TO addresses, the MMSC's recipients, each of kind TO or CC when the header
 * names it and BCC otherwise.
 */
public final class MailEnvelopes {

    private MailEnvelopes() {
    }

    /**
     * The envelope with everything but the MM4 specifics (message type, transaction id, MM4 transport fields) set,
     * stamped with the ticket.
     */
    public static MmsEnvelope.Builder builder(SessionTicket ticket, MmsInterface mmsInterface, SmtpTransaction tx,
                                              MailMessage mail, String profile, long inlineLimitBytes,
                                              Transport transport) {
        MailAddress from = mail.from();
        String senderRaw = from != null ? from.address() : tx.mailFrom().isEmpty() ? null : tx.mailFrom();
        MmsEnvelope.Builder b = MmsEnvelope.newBuilder()
                .setMmsInterface(mmsInterface)
                .setDirection(Direction.SEND)
                .setMessageType(null)
                .setMessageId(mail.messageId())
                .setSender(SenderAddress.normalise(senderRaw))
                .setSenderRaw(senderRaw)
                .setRecipients(recipients(tx.rcptTo(), mail))
                .setSubject(mail.subject())
                .setContentType(mail.contentType() == null ? "" : mail.contentType().value().toLowerCase(Locale.ROOT))
                .setParts(EnvelopeParts.toAvro(mail.parts(), inlineLimitBytes))
                .setOriginalSize(tx.data().length)
                .setTransport(transport)
                .setProfile(profile);
        return ticket.stamp(b);
    }

    /** Listener, peer address, HELO and MAIL FROM. */
    public static Transport.Builder transport(String listener, SmtpTransaction tx) {
        InetSocketAddress client = tx.client();
        return Transport.newBuilder()
                .setListener(listener)
                .setClientAddress(client == null ? null
                        : client.getAddress() != null ? client.getAddress().getHostAddress() : client.getHostString())
                .setSmtpHelo(tx.helo())
                .setSmtpMailFrom(tx.mailFrom());
    }

    static List<Recipient> recipients(List<String> rcptTo, MailMessage mail) {
        Set<String> to = normalised(mail.to());
        Set<String> cc = normalised(mail.cc());
        List<Recipient> out = new ArrayList<>(rcptTo.size());
        for (String raw : rcptTo) {
            String address = SenderAddress.normalise(raw);
            RecipientKind kind = to.contains(address) ? RecipientKind.TO
                    : cc.contains(address) ? RecipientKind.CC : RecipientKind.BCC;
            out.add(Recipient.newBuilder().setAddress(address).setKind(kind)
                    .setRaw(raw.equals(address) ? null : raw).build());
        }
        return out;
    }

    private static Set<String> normalised(List<MailAddress> addresses) {
        Set<String> out = new HashSet<>();
        addresses.forEach(a -> out.add(SenderAddress.normalise(a.address())));
        return out;
    }
}
