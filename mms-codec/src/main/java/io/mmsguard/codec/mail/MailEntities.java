package io.mmsguard.codec.mail;

import io.mmsguard.codec.MessagePart;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates new entities (notifier messages, replacement parts) with correct MIME headers. */
public final class MailEntities {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MailEntities() {
    }

    /** A leaf carrying {@code part}, transfer-encoded with {@code encoding}, plus any extra header fields first. */
    public static LeafEntity leaf(MessagePart part, TransferEncoding encoding, HeaderField... extra) {
        Map<String, String> params = new LinkedHashMap<>();
        if (part.charset() != null) {
            params.put("charset", part.charset());
        }
        if (part.name() != null) {
            params.put("name", part.name());
        }
        ContentType type = new ContentType(part.contentType(), params);
        List<HeaderField> fields = new ArrayList<>(List.of(extra));
        fields.add(HeaderField.of("Content-Type", type.toHeaderText()));
        fields.add(HeaderField.of("Content-Transfer-Encoding", encoding.token()));
        if (part.contentId() != null) {
            fields.add(HeaderField.of("Content-ID", "<" + part.contentId() + ">"));
        }
        if (part.contentLocation() != null) {
            fields.add(HeaderField.of("Content-Location", part.contentLocation()));
        }
        if (part.name() != null) {
            fields.add(HeaderField.of("Content-Disposition", "attachment; " + MimeParams.encode("filename", part.name())));
        }
        return new LeafEntity(new Headers(fields), type, encoding.token(), encoding.encode(part.content()), part);
    }

    /** A UTF-8 text/plain leaf, 7bit when the text allows it and base64 otherwise. */
    public static LeafEntity text(String text, HeaderField... extra) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        boolean ascii = text.chars().allMatch(c -> c < 127 && (c >= 32 || c == '\r' || c == '\n' || c == '\t'));
        boolean shortLines = text.lines().allMatch(l -> l.length() <= 998);
        // a 7bit line starting with "--" could be read as a boundary of an enclosing multipart; base64 cannot
        boolean dashes = text.lines().anyMatch(l -> l.startsWith("--"));
        boolean canonical = !text.replace("\r\n", "").contains("\r") && !text.replace("\r\n", "").contains("\n");
        TransferEncoding enc = ascii && shortLines && !dashes && canonical ? TransferEncoding.SEVEN_BIT : TransferEncoding.BASE64;
        return leaf(new MessagePart("text/plain", ascii ? "us-ascii" : "utf-8", null, null, null, bytes), enc, extra);
    }

    /** A multipart with a fresh random boundary; {@code params} may add e.g. {@code type} and {@code start}. */
    public static MultipartEntity multipart(String subtype, List<? extends MailEntity> children, Map<String, String> params,
                                            HeaderField... extra) {
        String boundary = newBoundary();
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("boundary", boundary);
        ContentType type = new ContentType("multipart/" + subtype, all);
        List<HeaderField> fields = new ArrayList<>(List.of(extra));
        fields.add(HeaderField.of("Content-Type", type.toHeaderText()));
        return new MultipartEntity(new Headers(fields), type, boundary, new byte[0], new ArrayList<>(children), new byte[0]);
    }

    /** The same entity with these fields placed before its own (used to put message headers on a root entity). */
    public static MailEntity withLeadingHeaders(MailEntity entity, List<HeaderField> leading) {
        List<HeaderField> fields = new ArrayList<>(leading);
        fields.addAll(entity.headers().fields());
        Headers h = new Headers(fields);
        if (entity instanceof LeafEntity l) {
            return new LeafEntity(h, l.contentType(), l.transferEncoding(), l.rawBody(), l.part());
        }
        MultipartEntity m = (MultipartEntity) entity;
        return new MultipartEntity(h, m.contentType(), m.boundary(), m.preamble(), m.children(), m.epilogue());
    }

    /** 128 random bits: a boundary that collides with content by chance is not a practical concern. */
    static String newBoundary() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        StringBuilder sb = new StringBuilder("=_mmsguard_");
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return sb.toString();
    }
}
