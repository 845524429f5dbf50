package io.mmsguard.notifier;

import io.mmsguard.avro.Mm7Operation;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationTemplate;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm4.AlertMails;
import io.mmsguard.codec.mm4.Mm4Message;
import io.mmsguard.codec.mm4.Mm4MessageType;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Recipients;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a {@link Notice} into the bytes that go on the wire for one recipient: an MM1 m-send.req (to POST to the
 * MMSC), an MM7 SubmitReq or DeliverReq, an RFC 5322 mail (MM3) or an MM4_forward.REQ (MM4), the last two with
 * their SMTP envelope.
 * <p>
 * Texts come from the profile's {@link NotificationTemplate} for the notice's type, or the built-in ones. Template
 * fields: %count%, %type%, %interface%, %profile%, %virus%, %sender%, %threshold%, %window%, %file% (and %detail%),
 * %recipient%, %since% and %until% (first and last event, ISO-8601 UTC). Values are cleaned and capped as
 * {@link NoticeTemplate} describes; the subject is one line.
 */
public final class NoticeComposer {

    public static final String MM1_CONTENT_TYPE = "application/vnd.wap.mms-message";
    public static final String MAIL_CONTENT_TYPE = "message/rfc822";
    static final String CONTENT_ID = "notice-text";
    /** X-Mms-3GPP-MMS-Version of MM4 notices: the same release the gateway answers MM4 with by default. */
    public static final String MM4_VERSION = "6.10.0";

    static final String ADMIN_SUBJECT = "mmsguard: %type% on %interface%";
    static final String SENDER_SUBJECT = "Message not delivered";
    static final Map<NotificationType, String> ADMIN_TEXT = Map.of(
            NotificationType.VIRUS, "%count% virus event(s) on %interface% (profile %profile%) since %since%; "
                    + "last: virus %virus% from %sender%.",
            NotificationType.FLOOD, "%count% flood event(s) on %interface% (profile %profile%) since %since%; "
                    + "last: %sender% exceeded %threshold% (%window%).",
            NotificationType.DUPLICATE, "%count% duplicate event(s) on %interface% (profile %profile%) since %since%; "
                    + "last: %sender% exceeded %threshold% (%window%).");
    static final String ADMIN_DEFAULT_TEXT = "%count% %type% event(s) on %interface% (profile %profile%) since "
            + "%since%; last sender %sender%.";
    static final String SENDER_TEXT = "A message you sent contained the virus %virus% and was not delivered.";

    private static final Pattern MSG_ID_UNSAFE = Pattern.compile("[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]");
    /** Writers quote MM4 ids; a quote, a backslash, a control or non-ASCII character cannot go inside. */
    private static final Pattern MM4_ID_UNSAFE = Pattern.compile("[^\\x21-\\x7E]|[\"\\\\]");

    /** Subject and body, filled. */
    public record Text(String subject, String body) {
    }

    /** The SMTP envelope of a mail notice: reverse path and the one forward path, without angle brackets. */
    public record Envelope(String mailFrom, String rcptTo) {
    }

    /**
     * A message ready to send: what it is, its Content-Type and its bytes.
     *
     * @param envelope the SMTP envelope of an MM3 or MM4 notice; null for MM1 and MM7, which go over HTTP
     */
    public record Outgoing(io.mmsguard.avro.MmsInterface method, String contentType, byte[] body, String recipient,
                           Envelope envelope) {

        /** A notice sent over HTTP (MM1, MM7). */
        public Outgoing(io.mmsguard.avro.MmsInterface method, String contentType, byte[] body, String recipient) {
            this(method, contentType, body, recipient, null);
        }
    }

    private NoticeComposer() {
    }

    /** The filled texts for one recipient; {@code template} null means the built-in texts. */
    public static Text text(Notice notice, Recipients.Recipient recipient, NotificationTemplate template) {
        Map<String, String> v = values(notice, recipient.address());
        String subject;
        String body;
        if (template != null) {
            subject = template.getSubject() != null ? template.getSubject() : defaultSubject(recipient);
            body = template.getText();
        } else {
            subject = defaultSubject(recipient);
            body = recipient.kind() == Recipients.Kind.SENDER ? SENDER_TEXT
                    : ADMIN_TEXT.getOrDefault(notice.type(), ADMIN_DEFAULT_TEXT);
        }
        return new Text(NoticeTemplate.headerLine(NoticeTemplate.fill(subject, v)), NoticeTemplate.fill(body, v));
    }

    private static String defaultSubject(Recipients.Recipient r) {
        return r.kind() == Recipients.Kind.SENDER ? SENDER_SUBJECT : ADMIN_SUBJECT;
    }

    static Map<String, String> values(Notice n, String recipient) {
        Map<String, String> v = new HashMap<>();
        v.put("count", Long.toString(n.count()));
        v.put("type", typeName(n.type()));
        v.put("interface", n.mmsInterface().name());
        v.put("profile", n.profile());
        v.put("since", n.firstEventAt().toString());
        v.put("until", n.lastEventAt().toString());
        v.put("recipient", recipient);
        Sample s = n.sample();
        putIfSet(v, "sender", s.sender());
        putIfSet(v, "virus", s.virus());
        putIfSet(v, "threshold", s.threshold());
        putIfSet(v, "window", s.window());
        putIfSet(v, "file", s.detail());
        putIfSet(v, "detail", s.detail());
        return v;
    }

    private static void putIfSet(Map<String, String> v, String k, String value) {
        v.put(k, value == null ? "-" : value);
    }

    /** FortiOS names of the notification types. */
    public static String typeName(NotificationType t) {
        return switch (t) {
            case VIRUS -> "virus";
            case FILE_FILTER -> "file-block";
            case BANNED_WORDS -> "bword";
            case CHECKSUM -> "mms-checksum";
            case ENDPOINT -> "carrier-endpoint-bwl";
            case FLOOD -> "flood";
            case DUPLICATE -> "dupe";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The notice for one recipient over the delivery's method.
     *
     * @param id   transaction id (MM1, MM7, MM4) and Message-ID local part (mail, MM4); unique per message
     * @param date the Date of a mail
     */
    public static Outgoing compose(Notice notice, Recipients.Recipient recipient, NotificationDelivery delivery,
                                   Optional<NotificationTemplate> template, String id, Instant date) {
        Text t = text(notice, recipient, template.orElse(null));
        return switch (delivery.getMethod()) {
            case MM1 -> new Outgoing(delivery.getMethod(), MM1_CONTENT_TYPE,
                    mm1(t, delivery, recipient.address(), id), recipient.address());
            case MM7 -> {
                Mm7HttpMessage m = mm7(t, delivery, recipient.address(), id);
                yield new Outgoing(delivery.getMethod(), m.contentType(), m.body(), recipient.address());
            }
            case MM3 -> new Outgoing(delivery.getMethod(), MAIL_CONTENT_TYPE,
                    mail(t, delivery, recipient.address(), id, date), recipient.address(),
                    new Envelope(mailAddress(delivery.getFromAddress(), delivery.getUserDomain()),
                            mailAddress(recipient.address(), delivery.getUserDomain())));
            case MM4 -> new Outgoing(delivery.getMethod(), MAIL_CONTENT_TYPE,
                    mm4(t, delivery, recipient.address(), id, date), recipient.address(),
                    new Envelope(mm4RoutingAddress(delivery.getFromAddress(), delivery.getUserDomain()),
                            mm4RoutingAddress(recipient.address(), delivery.getUserDomain())));
            default -> throw new IllegalArgumentException("no delivery method " + delivery.getMethod());
        };
    }

    /**
     * MM1 m-send.req (MMS 1.2): From = the delivery's fromAddress (insert-address token when there is none), one To,
     * the subject, and a multipart/mixed body with one text/plain; charset=utf-8 part.
     */
    public static byte[] mm1(Text text, NotificationDelivery delivery, String recipient, String transactionId) {
        String from = delivery.getFromAddress();
        FromAddress fromAddress = from == null || from.isBlank() ? FromAddress.insertAddress()
                : FromAddress.of(plmn(from));
        MmsPart part = MmsPart.of(ContentType.of(ContentType.TEXT_PLAIN).with("charset", "utf-8"), CONTENT_ID,
                "notice.txt", text.body().getBytes(StandardCharsets.UTF_8));
        return Mm1Encoder.encode(MmsPdus.sendReq(transactionId, MmsPdus.MMS_1_2, fromAddress,
                List.of(plmn(recipient)), text.subject(), ContentType.of(ContentType.MULTIPART_MIXED), List.of(part)));
    }

    /** An MSISDN as an MMS address ({@code +4917.../TYPE=PLMN}); mail addresses and typed addresses stay. */
    static String plmn(String address) {
        return address.contains("@") || address.contains("/TYPE=") ? address : address + "/TYPE=PLMN";
    }

    /**
     * MM7 SubmitReq (VASP to MMSC: VASPID, VASID, SenderAddress) or DeliverReq (MMSC to VASP: Sender), per the
     * delivery's mm7Operation, in the REL-6-MM7-1-4 namespace, with one text/plain content part.
     */
    public static Mm7HttpMessage mm7(Text text, NotificationDelivery delivery, String recipient, String transactionId) {
        boolean deliver = delivery.getMm7Operation() == Mm7Operation.DELIVER;
        String ns = Mm7Namespace.DEFAULT;
        Mm7Message.Builder b = Mm7Message.builder(deliver ? io.mmsguard.codec.mm7.Mm7Operation.DELIVER_REQ
                        : io.mmsguard.codec.mm7.Mm7Operation.SUBMIT_REQ, ns)
                .transactionId(transactionId).mm7Version(Mm7Namespace.defaultVersion(ns))
                .recipients(Mm7Recipients.to(mm7Address(recipient)))
                .subject(text.subject())
                .content(List.of(new MessagePart("text/plain", "utf-8", null, CONTENT_ID, null,
                        text.body().getBytes(StandardCharsets.UTF_8))))
                .contentRef(Mm7ContentRef.cid(CONTENT_ID));
        String from = delivery.getFromAddress();
        Mm7Address sender = from == null || from.isBlank() ? null : mm7Address(from);
        if (deliver) {
            b.vaspId(delivery.getVaspId()).vasId(delivery.getVasId()).sender(sender);
        } else {
            b.vaspId(delivery.getVaspId()).vasId(delivery.getVasId()).senderAddress(sender);
        }
        return new Mm7Encoder().encode(b.build());
    }

    private static Mm7Address mm7Address(String address) {
        return address.contains("@") ? Mm7Address.rfc2822(address) : Mm7Address.number(address);
    }

    /**
     * An RFC 5322 mail with a text/plain body. MSISDNs become {@code msisdn@userDomain}; addresses that contain
     * {@code @} are used as they are.
     *
     * @throws IllegalArgumentException when an MSISDN needs the user domain and the delivery has none, or there
     *                                  is no from address
     */
    public static byte[] mail(Text text, NotificationDelivery delivery, String recipient, String messageIdLocal,
                              Instant date) {
        String domain = delivery.getUserDomain();
        String from = fromAddress(delivery);
        return MailWriter.write(AlertMails.mm3(MailAddress.of(mailAddress(from, domain)),
                List.of(MailAddress.of(mailAddress(recipient, domain))), text.subject(),
                date.atZone(ZoneOffset.UTC), messageId(messageIdLocal, domain), text.body(), null));
    }

    /**
     * An MM4_forward.REQ (PROTOCOLS.md 3.3) with a text/plain body. From and To are MMS addresses as MMSCs write
     * them in MM4 headers ({@code +4917.../TYPE=PLMN}; mail addresses stay), X-Mms-Originator-System is the from
     * address as a mail address, and X-Mms-Ack-Request is No: nothing listens for an MM4_forward.RES to a notice.
     *
     * @param transactionId X-Mms-Transaction-ID (characters a quoted header value cannot carry become {@code _})
     *                      and the local part of Message-ID and X-Mms-Message-ID
     * @throws IllegalArgumentException when there is no from address, or an MSISDN needs the user domain and the
     *                                  delivery has none
     */
    public static byte[] mm4(Text text, NotificationDelivery delivery, String recipient, String transactionId,
                             Instant date) {
        String domain = delivery.getUserDomain();
        String from = fromAddress(delivery);
        String messageId = messageId(transactionId, domain);
        Mm4Message headers = Mm4Message.builder(Mm4MessageType.FORWARD_REQ)
                .mmsVersion(MM4_VERSION)
                .transactionId(MM4_ID_UNSAFE.matcher(transactionId).replaceAll("_"))
                .messageId(messageId)
                .originatorSystem(mailAddress(from, domain))
                .ackRequest(false)
                .from(MailAddress.of(plmn(from)))
                .to(List.of(MailAddress.of(plmn(recipient))))
                .subject(text.subject())
                .date(date.atZone(ZoneOffset.UTC))
                .mailMessageId(messageId)
                .build();
        return MailWriter.write(AlertMails.mm4(headers, text.body(), null));
    }

    private static String fromAddress(NotificationDelivery delivery) {
        String from = delivery.getFromAddress();
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("a mail notice needs the delivery's fromAddress");
        }
        return from;
    }

    /**
     * {@code local@domain} for Message-ID: the id's characters outside RFC 5322 atext (notice ids contain
     * {@code @}) become {@code _}, so that the header stays one valid msg-id.
     */
    static String messageId(String id, String domain) {
        return MSG_ID_UNSAFE.matcher(id).replaceAll("_") + "@"
                + (domain == null || domain.isBlank() ? "mmsguard.invalid" : domain);
    }

    /**
     * Where an MM4 message is routed (PROTOCOLS.md 3.1): an MSISDN becomes {@code +4917.../TYPE=PLMN@domain}, a
     * mail address stays.
     */
    static String mm4RoutingAddress(String address, String domain) {
        return mailAddress(plmn(address), domain);
    }

    static String mailAddress(String address, String domain) {
        if (address.contains("@")) {
            return address;
        }
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("user domain required to mail " + address);
        }
        return address + "@" + domain;
    }
}
