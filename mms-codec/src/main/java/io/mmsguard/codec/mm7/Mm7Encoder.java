package io.mmsguard.codec.mm7;

import io.mmsguard.codec.MessagePart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Encodes an {@link Mm7Message} as an HTTP body and Content-Type. Without content it is bare SOAP
 * ({@code text/xml}); with content it is multipart/related with the SOAP part first (its Content-ID is the
 * {@code start} parameter) and one content part whose Content-ID is the Content href's cid (PROTOCOLS.md 4.1).
 *
 * <p>The content part is the single {@link MessagePart} itself when its Content-ID already equals that cid;
 * otherwise the parts are wrapped in a multipart (related with the SMIL as start when there is one, else mixed), so
 * that decoding gives back the same parts. Parts travel base64-encoded.
 */
public final class Mm7Encoder {

    static final String SOAP_CONTENT_ID = "mm7-soap@mmsguard";
    private static final byte[] CRLF = {'\r', '\n'};

    private final Mm7EnvelopeWriter writer = new Mm7EnvelopeWriter();
    private final Supplier<String> boundaries;

    public Mm7Encoder() {
        this(() -> "mm7-" + UUID.randomUUID());
    }

    /** @param boundaries source of multipart boundaries (fixed ones make golden tests possible) */
    public Mm7Encoder(Supplier<String> boundaries) {
        this.boundaries = boundaries;
    }

    /** @throws IllegalArgumentException when the message cannot be written (unsupported operation, bad characters) */
    public Mm7HttpMessage encode(Mm7Message m) {
        byte[] soap = writer.write(m);
        if (m.content().isEmpty()) {
            return new Mm7HttpMessage("text/xml; charset=\"utf-8\"", soap);
        }
        String cid = contentCid(m.contentRef());
        if (cid.equals(SOAP_CONTENT_ID)) {
            throw new IllegalArgumentException("content cid collides with the SOAP part's Content-ID: " + cid);
        }
        String boundary = boundaries.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream(soap.length + 2 * m.content().stream().mapToInt(MessagePart::size).sum() + 1024);
        delimiter(out, boundary);
        line(out, "Content-Type: text/xml; charset=\"utf-8\"");
        line(out, "Content-ID: <" + SOAP_CONTENT_ID + ">");
        out.writeBytes(CRLF);
        out.writeBytes(soap);
        out.writeBytes(CRLF);
        delimiter(out, boundary);
        List<MessagePart> parts = m.content();
        if (parts.size() == 1 && cid.equals(parts.get(0).contentId())) {
            part(out, parts.get(0));
        } else {
            nested(out, cid, parts, boundary + "-content");
        }
        out.writeBytes(CRLF);
        line(out, "--" + boundary + "--");
        return new Mm7HttpMessage("multipart/related; boundary=\"" + boundary + "\"; type=\"text/xml\"; start=\"<"
                + SOAP_CONTENT_ID + ">\"", out.toByteArray());
    }

    private static String contentCid(Mm7ContentRef ref) {
        if (ref == null || ref.href() == null || !ref.href().startsWith("cid:") || ref.href().length() == 4) {
            throw new IllegalArgumentException("a message with content needs a Content href \"cid:...\": " + ref);
        }
        return headerSafe(ref.href().substring(4));
    }

    private static void nested(ByteArrayOutputStream out, String cid, List<MessagePart> parts, String boundary) {
        MessagePart smil = parts.stream().filter(p -> p.contentType().equals("application/smil") && p.contentId() != null)
                .findFirst().orElse(null);
        String type = smil == null ? "multipart/mixed; boundary=\"" + boundary + "\""
                : "multipart/related; boundary=\"" + boundary + "\"; type=\"application/smil\"; start=\"<"
                + headerSafe(smil.contentId()) + ">\"";
        line(out, "Content-Type: " + type);
        line(out, "Content-ID: <" + cid + ">");
        out.writeBytes(CRLF);
        for (MessagePart p : parts) {
            delimiter(out, boundary);
            part(out, p);
            out.writeBytes(CRLF);
        }
        line(out, "--" + boundary + "--");
    }

    private static void part(ByteArrayOutputStream out, MessagePart p) {
        StringBuilder type = new StringBuilder("Content-Type: ").append(headerSafe(p.contentType()));
        if (p.charset() != null) {
            type.append("; charset=\"").append(headerSafe(p.charset())).append('"');
        }
        if (p.name() != null) {
            type.append("; name=\"").append(headerSafe(p.name())).append('"');
        }
        line(out, type.toString());
        if (p.contentId() != null) {
            line(out, "Content-ID: <" + headerSafe(p.contentId()) + ">");
        }
        if (p.contentLocation() != null) {
            line(out, "Content-Location: " + headerSafe(p.contentLocation()));
        }
        line(out, "Content-Transfer-Encoding: base64");
        out.writeBytes(CRLF);
        out.writeBytes(Base64.getMimeEncoder().encode(p.content()));
    }

    private static void delimiter(ByteArrayOutputStream out, String boundary) {
        line(out, "--" + boundary);
    }

    private static void line(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(CRLF);
    }

    /** Header values are written verbatim inside quotes or angle brackets: refuse what would break the syntax. */
    private static String headerSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>') {
                throw new IllegalArgumentException("value not writable in a MIME header: " + s);
            }
        }
        if (s.isBlank() || !s.equals(s.trim())) {
            throw new IllegalArgumentException("blank or padded MIME header value: '" + s + "'");
        }
        return s;
    }
}
