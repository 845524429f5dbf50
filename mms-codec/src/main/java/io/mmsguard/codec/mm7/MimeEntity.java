package io.mmsguard.codec.mm7;

import io.mmsguard.codec.MessagePart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One MIME entity of an MM7 HTTP body: either a leaf holding a decoded {@link MessagePart}, or a multipart with
 * children.
 *
 * @param mimeType        lower-case media type
 * @param parameters      Content-Type parameters, lower-case names (peers send {@code Type=}, {@code Start=})
 * @param contentId       Content-ID without angle brackets, or null
 * @param contentLocation Content-Location, or null
 * @param leaf            the decoded part for a leaf, null for a multipart
 * @param children        parts of a multipart, empty for a leaf
 * @param embedded        parts inside a leaf that the scanners must see as well (an attached mail's leaves, uuencoded
 *                        files); they travel inside the leaf and are never re-encoded on their own
 */
record MimeEntity(String mimeType, Map<String, String> parameters, String contentId, String contentLocation,
                  MessagePart leaf, List<MimeEntity> children, List<MessagePart> embedded) {

    boolean isMultipart() {
        return leaf == null;
    }

    /** Leaf parts in wire order, nested multiparts flattened. */
    List<MessagePart> leaves() {
        List<MessagePart> out = new ArrayList<>();
        collect(out);
        return out;
    }

    /** Embedded parts of every leaf, in wire order. */
    List<MessagePart> embeddedLeaves() {
        List<MessagePart> out = new ArrayList<>(embedded);
        for (MimeEntity c : children) {
            out.addAll(c.embeddedLeaves());
        }
        return out;
    }

    private void collect(List<MessagePart> out) {
        if (leaf != null) {
            out.add(leaf);
        }
        for (MimeEntity c : children) {
            c.collect(out);
        }
    }
}
