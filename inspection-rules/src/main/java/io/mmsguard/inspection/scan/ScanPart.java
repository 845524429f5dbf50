package io.mmsguard.inspection.scan;

import java.util.Arrays;
import java.util.Objects;

/**
 * One part of a message as every scanner sees it, whatever interface it came from.
 *
 * @param index       position in the message's part list; what "remove blocked" names
 * @param contentType media type, lower case, without parameters
 * @param name        file name, or null
 * @param charset     charset of a text part, or null
 * @param content     the decoded bytes, or null when the gateway did not send the content inline (too large)
 */
public record ScanPart(int index, String contentType, String name, String charset, byte[] content) {

    public ScanPart {
        Objects.requireNonNull(contentType, "contentType");
    }

    public boolean hasContent() {
        return content != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanPart p && index == p.index && contentType.equals(p.contentType)
                && Objects.equals(name, p.name) && Objects.equals(charset, p.charset) && Arrays.equals(content, p.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, contentType, name, charset) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "ScanPart[" + index + ", " + contentType + (name != null ? ", " + name : "") + ", "
                + (content == null ? "not inline" : content.length + " bytes") + "]";
    }
}
