package io.mmsguard.codec.mm7;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.MessagePart;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes an MM7 HTTP body (bare SOAP or SOAP with attachments) into an {@link Mm7Message}. Pure and thread-safe.
 *
 * <p>For multipart/related the SOAP envelope is the part whose Content-ID equals the {@code start} parameter, else
 * the first part. The Content href is resolved against the other parts' Content-IDs (with or without angle
 * brackets, "cid:" stripped, blanks tolerated), then their Content-Locations, then nested parts; when nothing
 * matches and there is a single attachment, that one is taken (PROTOCOLS.md 4.1). The referenced entity's leaves,
 * nested multiparts flattened in wire order, become {@code content}; every other attachment leaf goes to
 * {@code unreferencedContent}.
 *
 * <p>Every failure is a {@link MalformedMessageException} (or {@link io.mmsguard.codec.LimitExceededException}).
 */
public final class Mm7Decoder {

    private final DecodeLimits limits;
    private final SafeXmlReader xml;
    private final Mm7EnvelopeParser envelope;
    private final MultipartSplitter splitter;

    public Mm7Decoder() {
        this(DecodeLimits.DEFAULT);
    }

    public Mm7Decoder(DecodeLimits limits) {
        this.limits = limits;
        this.xml = new SafeXmlReader(limits);
        this.envelope = new Mm7EnvelopeParser(limits);
        this.splitter = new MultipartSplitter(limits);
    }

    /**
     * @param body        the HTTP body
     * @param contentType the HTTP Content-Type; null or any non-multipart type means a bare SOAP document
     */
    public Mm7Message decode(byte[] body, String contentType) {
        if (body == null) {
            throw new MalformedMessageException("no HTTP body");
        }
        DecodeLimits.check("maxMessageBytes", body.length, limits.maxMessageBytes());
        DecodeLimits.check("maxHeaderBytes", contentType == null ? 0 : contentType.length(), limits.maxHeaderBytes());
        contentType = contentType == null ? null : unfold(contentType);
        String mimeType = contentType == null ? "text/xml" : mimeType(contentType);
        if (!mimeType.startsWith("multipart/")) {
            return envelope.parse(xml.read(body)).build();
        }
        MimeEntity root = splitter.split(body, contentType);
        if (!root.isMultipart() || root.children().isEmpty()) {
            throw new MalformedMessageException("multipart MM7 body has no parts (boundary missing or wrong?)");
        }
        MimeEntity soap = soapPart(root, parameter(contentType, "start"));
        if (soap.isMultipart()) {
            throw new MalformedMessageException("the SOAP part is itself a multipart");
        }
        Mm7Message.Builder b = envelope.parse(xml.read(soap.leaf().content()));
        List<MimeEntity> attachments = new ArrayList<>(root.children());
        attachments.remove(soap);
        List<MessagePart> embedded = new ArrayList<>();
        attachments.forEach(a -> embedded.addAll(a.embeddedLeaves()));
        return attach(b, attachments).embeddedContent(embedded).build();
    }

    private static MimeEntity soapPart(MimeEntity root, String start) {
        String startId = MultipartSplitter.contentId(start);
        if (startId != null) {
            for (MimeEntity e : root.children()) {
                if (startId.equals(e.contentId())) {
                    return e;
                }
            }
        }
        return root.children().get(0); // no start, or a start matching nothing: the SOAP part comes first
    }

    private static Mm7Message.Builder attach(Mm7Message.Builder b, List<MimeEntity> attachments) {
        List<MessagePart> all = new ArrayList<>();
        attachments.forEach(a -> all.addAll(a.leaves()));
        Mm7ContentRef ref = b.contentRef();
        MimeEntity referenced = ref == null || ref.href() == null ? null : resolve(ref.href(), attachments);
        if (referenced == null && ref != null && attachments.size() == 1) {
            referenced = attachments.get(0);
        }
        List<MessagePart> content = referenced == null ? List.of() : referenced.leaves();
        Set<MessagePart> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        taken.addAll(content);
        List<MessagePart> rest = new ArrayList<>();
        for (MessagePart p : all) {
            if (!taken.contains(p)) {
                rest.add(p);
            }
        }
        return b.content(content).unreferencedContent(rest);
    }

    private static MimeEntity resolve(String href, List<MimeEntity> attachments) {
        String h = href.trim();
        String id = h.regionMatches(true, 0, "cid:", 0, 4) ? MultipartSplitter.contentId(percentDecode(h.substring(4))) : null;
        for (MimeEntity e : attachments) {
            if (id != null && id.equals(e.contentId())) {
                return e;
            }
        }
        for (MimeEntity e : attachments) {
            if (h.equals(e.contentLocation()) || (id != null && id.equals(e.contentLocation()))) {
                return e;
            }
        }
        for (MimeEntity e : attachments) {
            MimeEntity nested = e.isMultipart() ? resolve(href, e.children()) : null;
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    /** RFC 2392 cid URLs are %-encoded; invalid escapes are kept literally rather than failing the message. */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A folded HTTP header value may still hold its CRLFs; mime4j refuses raw line breaks in a field (header
     * injection guard), and they carry no meaning here.
     */
    private static String unfold(String contentType) {
        StringBuilder sb = new StringBuilder(contentType.length());
        for (int i = 0; i < contentType.length(); i++) {
            char c = contentType.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString();
    }

    private static RawBody contentTypeBody(String contentType) {
        try {
            return RawFieldParser.DEFAULT.parseRawBody(new RawField("Content-Type", unfold(contentType)));
        } catch (RuntimeException e) {
            throw new MalformedMessageException("Content-Type unreadable: " + e.getMessage(), e);
        }
    }

    static String mimeType(String contentType) {
        String v = contentTypeBody(contentType).getValue();
        return v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
    }

    /** A Content-Type parameter by case-insensitive name (peers send Start= and Type=), or null. */
    static String parameter(String contentType, String name) {
        for (NameValuePair p : contentTypeBody(contentType).getParams()) {
            if (p.getName() != null && p.getName().trim().equalsIgnoreCase(name)) {
                return p.getValue();
            }
        }
        return null;
    }
}
