package io.mmsguard.inspection.scan;

import java.util.Arrays;
import java.util.Objects;

/**
 * One part of a message as every scanner sees it, whatever interface it came from; or one member of an archive part,
 * which the scanners see like a part of its own.
 *
 * @param index       position in the message's part list; what "remove blocked" names. A member carries the index of
 *                    the attachment it was unpacked from, so that a finding about it strips or blocks that attachment
 * @param contentType media type, lower case, without parameters (a member's is told from its content)
 * @param name        file name, or null
 * @param charset     charset of a text part, or null
 * @param content     the decoded bytes, or null when the gateway did not send the content inline (too large)
 * @param path        where a member is, for evidence ({@code a.zip!/dir/x.exe}); null for a part of the message
 */
public record ScanPart(int index, String contentType, String name, String charset, byte[] content, String path) {

    public ScanPart {
        Objects.requireNonNull(contentType, "contentType");
    }

    /** A part of the message itself. */
    public ScanPart(int index, String contentType, String name, String charset, byte[] content) {
        this(index, contentType, name, charset, content, null);
    }

    public boolean hasContent() {
        return content != null;
    }

    /** Whether it was unpacked from an archive part rather than being a part of the message. */
    public boolean isMember() {
        return path != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanPart p && index == p.index && contentType.equals(p.contentType)
                && Objects.equals(name, p.name) && Objects.equals(charset, p.charset) && Arrays.equals(content, p.content)
                && Objects.equals(path, p.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, contentType, name, charset, path) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "ScanPart[" + index + ", " + contentType + (name != null ? ", " + name : "")
                + (path != null ? ", " + path : "") + ", "
                + (content == null ? "not inline" : content.length + " bytes") + "]";
    }
}
