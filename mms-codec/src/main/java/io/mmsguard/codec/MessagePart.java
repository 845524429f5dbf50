package io.mmsguard.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * One body part as the scanners see it, whatever the protocol: its media type, the names it travels under, and
 * its content with any transfer encoding (base64, quoted-printable) already removed. The same shape for MM1, MM3,
 * MM4 and MM7, so that a scanner is written once.
 *
 * <p>{@code content} is not copied: treat it as immutable.
 *
 * @param contentType     media type, lower case, without parameters (e.g. {@code image/jpeg})
 * @param charset         charset parameter, lower case, or null
 * @param name            file name (Content-Disposition filename or Content-Type name), or null
 * @param contentId       Content-ID without angle brackets, or null
 * @param contentLocation Content-Location, or null
 * @param content         decoded bytes
 */
public record MessagePart(String contentType, String charset, String name, String contentId, String contentLocation,
                          byte[] content) {

    public MessagePart {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessagePart p && contentType.equals(p.contentType) && Objects.equals(charset, p.charset)
                && Objects.equals(name, p.name) && Objects.equals(contentId, p.contentId)
                && Objects.equals(contentLocation, p.contentLocation) && Arrays.equals(content, p.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, charset, name, contentId, contentLocation) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "MessagePart[" + contentType + (charset != null ? "; charset=" + charset : "") + (name != null ? ", name=" + name : "")
                + (contentId != null ? ", cid=" + contentId : "") + ", " + content.length + " bytes]";
    }
}
