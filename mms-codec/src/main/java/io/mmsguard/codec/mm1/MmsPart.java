package io.mmsguard.codec.mm1;

import io.mmsguard.codec.MessagePart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of a WSP multipart body, as a tree: a part whose type is multipart has {@link #children()} (parsed
 * at decode time, so limits and errors apply to nested content too). {@link #data()} is the entry's data as sent
 * (for a nested multipart, its encoded form); the encoder writes the children when there are any, else the data.
 */
public final class MmsPart {
    private final ContentType contentType;
    private final List<PartHeader> headers;
    private final byte[] data;
    private final List<MmsPart> children;

    public MmsPart(ContentType contentType, List<PartHeader> headers, byte[] data, List<MmsPart> children) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.headers = List.copyOf(headers);
        this.data = Objects.requireNonNull(data, "data");
        this.children = List.copyOf(children);
    }

    /** A leaf part with Content-ID {@code <id>} and Content-Location {@code location} (either may be null). */
    public static MmsPart of(ContentType type, String contentId, String location, byte[] data) {
        List<PartHeader> h = new ArrayList<>();
        if (contentId != null) {
            h.add(PartHeader.contentId("<" + contentId + ">"));
        }
        if (location != null) {
            h.add(PartHeader.contentLocation(location));
        }
        return new MmsPart(type, h, data, List.of());
    }

    /** A nested multipart part. */
    public static MmsPart multipart(ContentType type, List<PartHeader> headers, List<MmsPart> children) {
        return new MmsPart(type, headers, new byte[0], children);
    }

    public ContentType contentType() {
        return contentType;
    }

    public List<PartHeader> headers() {
        return headers;
    }

    /** Entry data as sent; treat as immutable. */
    public byte[] data() {
        return data;
    }

    public List<MmsPart> children() {
        return children;
    }

    public boolean hasChildren() {
        return !children.isEmpty();
    }

    private Object header(int code) {
        for (PartHeader h : headers) {
            if (h.code() == code) {
                return h.value();
            }
        }
        return null;
    }

    /** Content-ID as sent (angle brackets kept when present), or null. */
    public String contentId() {
        return header(PartHeader.CONTENT_ID) instanceof String s ? s : null;
    }

    public String contentLocation() {
        return header(PartHeader.CONTENT_LOCATION) instanceof String s ? s : null;
    }

    public PartHeader.Disposition disposition() {
        Object d = header(PartHeader.CONTENT_DISPOSITION);
        if (d == null) {
            d = header(PartHeader.CONTENT_DISPOSITION_14);
        }
        return d instanceof PartHeader.Disposition disp ? disp : null;
    }

    /** Textual header value (name compared case-insensitively), or null. */
    public String textHeader(String name) {
        for (PartHeader h : headers) {
            if (h.code() == PartHeader.TEXTUAL && h.name().equalsIgnoreCase(name) && h.value() instanceof String s) {
                return s;
            }
        }
        return null;
    }

    /** The shared part model; Content-Transfer-Encoding (base64, quoted-printable) is undone here. */
    public MessagePart toMessagePart() {
        String name = null;
        PartHeader.Disposition d = disposition();
        if (d != null) {
            name = decodedName(d.parameters(), "filename");
        }
        if (name == null) {
            name = decodedName(contentType.parameters(), "name");
        }
        String cid = contentId();
        if (cid != null && cid.length() >= 2 && cid.startsWith("<") && cid.endsWith(">")) {
            cid = cid.substring(1, cid.length() - 1);
        }
        return new MessagePart(contentType.mediaType().toLowerCase(Locale.ROOT), contentType.charset(), name, cid,
                contentLocation(), decodedContent());
    }

    /** A file name as a client shows it: RFC 2231 ({@code filename*}, continuations) and RFC 2047 words decoded. */
    static String decodedName(List<ContentType.Parameter> parameters, String name) {
        List<Map.Entry<String, String>> raw = new ArrayList<>();
        parameters.forEach(p -> raw.add(Map.entry(p.name(), p.value())));
        String value = io.mmsguard.codec.mail.MimeParameters.decode(raw).get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Data with any textual Content-Transfer-Encoding removed; undecodable data is returned as sent. */
    public byte[] decodedContent() {
        String cte = textHeader("Content-Transfer-Encoding");
        if (cte == null) {
            return data;
        }
        String enc = cte.trim().toLowerCase(Locale.ROOT);
        try {
            if (enc.equals("base64")) {
                return Base64.getMimeDecoder().decode(data);
            }
            if (enc.equals("quoted-printable")) {
                return QuotedPrintable.decode(data);
            }
        } catch (IllegalArgumentException e) {
            return data;
        }
        return data;
    }

    @Override
    public boolean equals(Object o) {
        // a nested multipart is compared by its children: re-encoding may legitimately change its bytes
        return o instanceof MmsPart p && contentType.equals(p.contentType) && headers.equals(p.headers)
                && children.equals(p.children) && (hasChildren() || Arrays.equals(data, p.data));
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, headers, children) * 31 + (hasChildren() ? 0 : Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "MmsPart[" + contentType + ", " + headers + ", " + data.length + " bytes"
                + (hasChildren() ? ", children=" + children : "") + "]";
    }
}
