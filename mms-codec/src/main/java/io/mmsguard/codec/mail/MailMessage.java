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

    /**
     * The parts as the scanners see them: the leaves in leaf order (so that part index i is leaf i), then the parts
     * embedded in them ({@link LeafEntity#embedded()}: attached mails' leaves, uuencoded files) in the same order.
     */
    public List<MessagePart> parts() {
        List<LeafEntity> leaves = leaves();
        List<MessagePart> out = new ArrayList<>(leaves.stream().map(LeafEntity::part).toList());
        leaves.forEach(l -> out.addAll(l.embedded()));
        return out;
    }

    /**
     * The leaves to remove for these part indexes of {@link #parts()}: a leaf for itself, and the leaf that carries
     * an embedded part for that part (it cannot be cut out of an attached mail or a uuencoded text on its own).
     */
    public java.util.Set<Integer> leafIndexes(java.util.Collection<Integer> partIndexes) {
        List<LeafEntity> leaves = leaves();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            owner.add(i);
        }
        for (int i = 0; i < leaves.size(); i++) {
            for (int k = 0; k < leaves.get(i).embedded().size(); k++) {
                owner.add(i);
            }
        }
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (int p : partIndexes) {
            if (p < 0 || p >= owner.size()) {
                throw new IllegalArgumentException("part index " + p + " out of range 0.." + (owner.size() - 1));
            }
            out.add(owner.get(p));
        }
        return out;
    }

    /**
     * Whether this is a fragment of a larger message ({@code message/partial}, RFC 2046 5.2.2), itself or in a part:
     * the whole message exists only once the recipient reassembles it, so no fragment can be inspected.
     */
    public boolean fragmented() {
        return parts().stream().anyMatch(p -> p.contentType().equals("message/partial"));
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
