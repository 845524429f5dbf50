package io.mmsguard.codec.mm1;

import java.util.Objects;

/**
 * One header of a multipart entry. Known values: Content-ID and Content-Location as {@link String} (Content-ID as
 * sent, with any angle brackets, without the Quoted-string quote), Content-Disposition as {@link Disposition},
 * textual headers as {@link String}; anything else as {@link RawValue}.
 *
 * @param code wire code (0x80-0xFF), {@link #TEXTUAL}, or a shift octet (0x00-0x1F, 0x7F) whose
 *             {@link RawValue} holds the rest of the header block
 */
public record PartHeader(int code, String name, Object value) {
    public static final int TEXTUAL = -1;
    public static final int CONTENT_LOCATION = 0x8E;
    public static final int CONTENT_ID = 0xC0;
    /** Content-Disposition, WSP encoding 1.1 (the form iPhone sends) */
    public static final int CONTENT_DISPOSITION = 0xAE;
    /** Content-Disposition, WSP encoding 1.4 */
    public static final int CONTENT_DISPOSITION_14 = 0xC5;

    public PartHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static PartHeader contentId(String id) {
        return new PartHeader(CONTENT_ID, "Content-ID", id);
    }

    public static PartHeader contentLocation(String location) {
        return new PartHeader(CONTENT_LOCATION, "Content-Location", location);
    }

    public static PartHeader disposition(Disposition d) {
        return new PartHeader(CONTENT_DISPOSITION, "Content-Disposition", d);
    }

    public static PartHeader textual(String name, String value) {
        return new PartHeader(TEXTUAL, name, value);
    }

    /**
     * Content-Disposition value.
     *
     * @param type       form-data, attachment, inline, or the token sent
     * @param parameters e.g. filename
     */
    public record Disposition(String type, java.util.List<ContentType.Parameter> parameters) {
        public Disposition {
            Objects.requireNonNull(type, "type");
            parameters = java.util.List.copyOf(parameters);
        }

        public String filename() {
            for (ContentType.Parameter p : parameters) {
                if (p.name().equalsIgnoreCase("filename")) {
                    return p.value();
                }
            }
            return null;
        }
    }
}
