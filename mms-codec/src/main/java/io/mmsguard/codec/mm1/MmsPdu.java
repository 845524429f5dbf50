package io.mmsguard.codec.mm1;

import io.mmsguard.codec.MessagePart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A decoded MM1 PDU: the message type octet, the headers in wire order (Content-Type included, last when
 * present) and the body. Immutable; change it with {@link #toBuilder()}.
 *
 * <p>The body is either a list of {@link MmsPart} (when Content-Type is multipart; nested multiparts are a tree,
 * see {@link MmsPart#children()}) or a single payload (any other content type, e.g. the text/plain body of an
 * error m-retrieve.conf). {@link #parts()} flattens both into the shared {@link MessagePart} model.
 *
 * <p>Accessors return null when a header is absent or its value was not understood ({@link RawValue}).
 * {@link #warnings()} (tolerated oddities such as trailing octets) is not part of equality.
 */
public final class MmsPdu {
    private final int messageType;
    private final List<MmsHeader> headers;
    private final List<MmsPart> multipart;
    private final byte[] singleBody;
    private final List<String> warnings;

    MmsPdu(int messageType, List<MmsHeader> headers, List<MmsPart> multipart, byte[] singleBody, List<String> warnings) {
        this.messageType = messageType;
        this.headers = List.copyOf(headers);
        this.multipart = multipart == null ? null : List.copyOf(multipart);
        this.singleBody = singleBody;
        this.warnings = List.copyOf(warnings);
    }

    public static Builder builder(MessageType type) {
        return new Builder(type.code());
    }

    public Builder toBuilder() {
        Builder b = new Builder(messageType);
        b.headers.addAll(headers);
        b.multipart = multipart == null ? null : new ArrayList<>(multipart);
        b.singleBody = singleBody;
        return b;
    }

    /** The raw X-Mms-Message-Type octet (kept even when it is not an assigned type). */
    public int messageTypeCode() {
        return messageType;
    }

    /** The message type, or null for an octet that is not an assigned type. */
    public MessageType messageType() {
        return MessageType.byCode(messageType);
    }

    /** All headers in wire order, including X-Mms-Message-Type and Content-Type. */
    public List<MmsHeader> headers() {
        return headers;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** First value of a header, or null. */
    public Object value(HeaderField field) {
        for (MmsHeader h : headers) {
            if (h.code() == field.code()) {
                return h.value();
            }
        }
        return null;
    }

    /** Every value of a repeatable header (To, Cc, Bcc, Previously-Sent-By...). */
    public List<Object> values(HeaderField field) {
        List<Object> out = new ArrayList<>();
        for (MmsHeader h : headers) {
            if (h.code() == field.code()) {
                out.add(h.value());
            }
        }
        return out;
    }

    /** Application (textual) header value, name compared case-insensitively, or null. */
    public String textHeader(String name) {
        for (MmsHeader h : headers) {
            if (h.code() == MmsHeader.TEXTUAL && h.name().equalsIgnoreCase(name) && h.value() instanceof String s) {
                return s;
            }
        }
        return null;
    }

    private <T> T typed(HeaderField f, Class<T> type) {
        Object v = value(f);
        return type.isInstance(v) ? type.cast(v) : null;
    }

    private String text(HeaderField f) {
        Object v = value(f);
        if (v instanceof EncodedString e) {
            return e.text();
        }
        return v instanceof String s ? s : null;
    }

    public String transactionId() {
        return typed(HeaderField.TRANSACTION_ID, String.class);
    }

    public String messageId() {
        return typed(HeaderField.MESSAGE_ID, String.class);
    }

    /** From: an address or the insert-address token; null when absent. */
    public FromAddress from() {
        return typed(HeaderField.FROM, FromAddress.class);
    }

    public List<String> to() {
        return addresses(HeaderField.TO);
    }

    public List<String> cc() {
        return addresses(HeaderField.CC);
    }

    public List<String> bcc() {
        return addresses(HeaderField.BCC);
    }

    private List<String> addresses(HeaderField f) {
        List<String> out = new ArrayList<>();
        for (Object v : values(f)) {
            if (v instanceof EncodedString e) {
                out.add(e.text());
            }
        }
        return out;
    }

    public String subject() {
        return text(HeaderField.SUBJECT);
    }

    public ContentType contentType() {
        return typed(HeaderField.CONTENT_TYPE, ContentType.class);
    }

    /** Date in seconds since the epoch. */
    public Long date() {
        return typed(HeaderField.DATE, Long.class);
    }

    public MmsTime expiry() {
        return typed(HeaderField.EXPIRY, MmsTime.class);
    }

    public MmsTime deliveryTime() {
        return typed(HeaderField.DELIVERY_TIME, MmsTime.class);
    }

    public Long messageSize() {
        return typed(HeaderField.MESSAGE_SIZE, Long.class);
    }

    public String contentLocation() {
        return typed(HeaderField.CONTENT_LOCATION, String.class);
    }

    /** X-Mms-Response-Status octet (e.g. 0x80 Ok); see {@link StatusCodes}. */
    public Integer responseStatus() {
        return typed(HeaderField.RESPONSE_STATUS, Integer.class);
    }

    public String responseText() {
        return text(HeaderField.RESPONSE_TEXT);
    }

    public Integer retrieveStatus() {
        return typed(HeaderField.RETRIEVE_STATUS, Integer.class);
    }

    public String retrieveText() {
        return text(HeaderField.RETRIEVE_TEXT);
    }

    /** X-Mms-Status octet (0x81 Retrieved...). */
    public Integer status() {
        return typed(HeaderField.STATUS, Integer.class);
    }

    /** X-Mms-Read-Status octet (0x80 Read, 0x81 Deleted without being read). */
    public Integer readStatus() {
        return typed(HeaderField.READ_STATUS, Integer.class);
    }

    /** X-Mms-MMS-Version octet, e.g. 0x92 for 1.2. */
    public Integer mmsVersionOctet() {
        return typed(HeaderField.MMS_VERSION, Integer.class);
    }

    /** MMS version as "major.minor" ("1" when the minor is 0xF), or null. */
    public String mmsVersion() {
        Integer v = mmsVersionOctet();
        if (v == null) {
            return null;
        }
        int major = (v >> 4) & 0x7;
        int minor = v & 0xF;
        return minor == 0xF ? Integer.toString(major) : major + "." + minor;
    }

    /** personal, advertisement, informational, auto, or the token sent. */
    public String messageClass() {
        Object v = value(HeaderField.MESSAGE_CLASS);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Integer i) {
            return switch (i) {
                case 0x80 -> "personal";
                case 0x81 -> "advertisement";
                case 0x82 -> "informational";
                case 0x83 -> "auto";
                default -> "class-0x" + Integer.toHexString(i);
            };
        }
        return null;
    }

    /** X-Mms-Priority octet (0x80 Low, 0x81 Normal, 0x82 High). */
    public Integer priority() {
        return typed(HeaderField.PRIORITY, Integer.class);
    }

    public Boolean deliveryReport() {
        return yesNo(HeaderField.DELIVERY_REPORT);
    }

    public Boolean readReport() {
        return yesNo(HeaderField.READ_REPORT);
    }

    private Boolean yesNo(HeaderField f) {
        Integer v = typed(f, Integer.class);
        return v == null ? null : v == 0x80 ? Boolean.TRUE : v == 0x81 ? Boolean.FALSE : null;
    }

    public boolean hasBody() {
        return multipart != null || singleBody != null;
    }

    /** Top-level entries of a multipart body (a tree), or an empty list. */
    public List<MmsPart> multipart() {
        return multipart == null ? List.of() : multipart;
    }

    public boolean isMultipart() {
        return multipart != null;
    }

    /** The body of a single-part PDU as sent, or null. */
    public byte[] singleBody() {
        return singleBody;
    }

    /**
     * Leaf parts in document order, depth first: nested multiparts are flattened and the containers themselves
     * left out. A single-part body becomes one part typed by the PDU's Content-Type.
     */
    public List<MessagePart> parts() {
        List<MessagePart> out = new ArrayList<>();
        if (singleBody != null) {
            ContentType ct = contentType();
            String media = ct == null ? "application/octet-stream" : ct.mediaType().toLowerCase(java.util.Locale.ROOT);
            out.add(new MessagePart(media, ct == null ? null : ct.charset(), ct == null ? null : MmsPart.decodedName(ct.parameters(), "name"),
                    null, null, singleBody));
        } else if (multipart != null) {
            flatten(multipart, out);
        }
        return out;
    }

    private static void flatten(List<MmsPart> parts, List<MessagePart> out) {
        for (MmsPart p : parts) {
            if (p.hasChildren()) {
                flatten(p.children(), out);
            } else {
                out.add(p.toMessagePart());
            }
        }
    }

    /**
     * The gateway's MSISDN insertion: replaces an Insert-address From with {@code msisdn/TYPE=PLMN} at the same
     * position. A From that already carries an address is left as it is.
     */
    public MmsPdu withInsertedFrom(String msisdn) {
        Builder b = toBuilder();
        for (int i = 0; i < b.headers.size(); i++) {
            MmsHeader h = b.headers.get(i);
            if (h.code() == HeaderField.FROM.code() && h.value() instanceof FromAddress f && f.isInsertAddress()) {
                b.headers.set(i, MmsHeader.of(HeaderField.FROM, FromAddress.of(msisdn + "/TYPE=PLMN")));
            }
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MmsPdu p && p.messageType == messageType && p.headers.equals(headers)
                && Objects.equals(p.multipart, multipart) && Arrays.equals(p.singleBody, singleBody);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageType, headers, multipart) * 31 + Arrays.hashCode(singleBody);
    }

    @Override
    public String toString() {
        return "MmsPdu[type=0x" + Integer.toHexString(messageType) + ", headers=" + headers
                + (multipart != null ? ", parts=" + multipart : "")
                + (singleBody != null ? ", body=" + singleBody.length + " bytes" : "") + "]";
    }

    /** Builds a PDU; {@link #set} replaces the first instance of a header (keeping its position) or appends. */
    public static final class Builder {
        private final int messageType;
        private final List<MmsHeader> headers = new ArrayList<>();
        private List<MmsPart> multipart;
        private byte[] singleBody;

        Builder(int messageType) {
            this.messageType = messageType;
        }

        public Builder set(HeaderField field, Object value) {
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i).code() == field.code()) {
                    headers.set(i, MmsHeader.of(field, value));
                    return this;
                }
            }
            headers.add(MmsHeader.of(field, value));
            return this;
        }

        /** Appends another instance (To, Cc, Bcc...). */
        public Builder add(HeaderField field, Object value) {
            headers.add(MmsHeader.of(field, value));
            return this;
        }

        public Builder add(MmsHeader header) {
            headers.add(header);
            return this;
        }

        public Builder remove(HeaderField field) {
            headers.removeIf(h -> h.code() == field.code());
            return this;
        }

        /** Multipart body; also sets Content-Type. */
        public Builder multipart(ContentType type, List<MmsPart> parts) {
            set(HeaderField.CONTENT_TYPE, type);
            this.multipart = new ArrayList<>(parts);
            this.singleBody = null;
            return this;
        }

        /** Single-part body; also sets Content-Type. */
        public Builder singleBody(ContentType type, byte[] body) {
            set(HeaderField.CONTENT_TYPE, type);
            this.singleBody = body;
            this.multipart = null;
            return this;
        }

        public MmsPdu build() {
            List<MmsHeader> h = new ArrayList<>(headers);
            if (h.stream().noneMatch(x -> x.code() == HeaderField.MESSAGE_TYPE.code())) {
                h.add(0, MmsHeader.of(HeaderField.MESSAGE_TYPE, messageType));
            }
            return new MmsPdu(messageType, h, multipart, singleBody, List.of());
        }
    }
}
