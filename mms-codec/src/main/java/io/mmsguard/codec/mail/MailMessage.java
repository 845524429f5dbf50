package io.mmsguard.codec.mail;

import io.mmsguard.codec.MessagePart;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 5322 message: the root entity (whose header block is the message header) and the common header fields
 * already parsed. Values that cannot be parsed are absent (null or empty) rather than fatal, because MM3 mail
 * comes from any mailer; MM4 checks are the job of {@code Mm4Validator}.
 */
public final class MailMessage {

    private final MailEntity root;
    private final List<MailAddress> from;
    private final List<MailAddress> to;
    private final List<MailAddress> cc;
    private final List<MailAddress> bcc;

    public MailMessage(MailEntity root) {
        this.root = Objects.requireNonNull(root, "root");
        Headers h = root.headers();
        this.from = List.copyOf(HeaderText.addresses(h.value("From")));
        this.to = List.copyOf(all(h, "To"));
        this.cc = List.copyOf(all(h, "Cc"));
        this.bcc = List.copyOf(all(h, "Bcc"));
    }

    private static List<MailAddress> all(Headers h, String name) {
        List<MailAddress> out = new ArrayList<>();
        h.values(name).forEach(v -> out.addAll(HeaderText.addresses(v)));
        return out;
    }

    public MailEntity root() {
        return root;
    }

    public Headers headers() {
        return root.headers();
    }

    /** The first From mailbox, or null. */
    public MailAddress from() {
        return from.isEmpty() ? null : from.get(0);
    }

    public List<MailAddress> fromAll() {
        return from;
    }

    public List<MailAddress> to() {
        return to;
    }

    public List<MailAddress> cc() {
        return cc;
    }

    public List<MailAddress> bcc() {
        return bcc;
    }

    /** Sender header mailbox, or null. */
    public MailAddress sender() {
        List<MailAddress> s = HeaderText.addresses(headers().value("Sender"));
        return s.isEmpty() ? null : s.get(0);
    }

    /** Decoded Subject (RFC 2047), or null. */
    public String subject() {
        return HeaderText.decode(headers().value("Subject"));
    }

    /** Message-ID without angle brackets, or null. */
    public String messageId() {
        return HeaderText.stripAngles(headers().value("Message-ID"));
    }

    /** Date header, or null when absent or not an RFC 5322 date. */
    public ZonedDateTime date() {
        return HeaderText.date(headers().value("Date"));
    }

    public ContentType contentType() {
        return root.contentType();
    }

    /** Leaf entities in depth-first order; the index here is the leaf index used by {@link BlockedPartRemover}. */
    public List<LeafEntity> leaves() {
        List<LeafEntity> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    /** The parts as the scanners see them, in leaf order. */
    public List<MessagePart> parts() {
        return leaves().stream().map(LeafEntity::part).toList();
    }

    private static void collect(MailEntity e, List<LeafEntity> out) {
        if (e instanceof LeafEntity l) {
            out.add(l);
        } else if (e instanceof MultipartEntity m) {
            m.children().forEach(c -> collect(c, out));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailMessage m && root.equals(m.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return "MailMessage[" + root + "]";
    }
}
