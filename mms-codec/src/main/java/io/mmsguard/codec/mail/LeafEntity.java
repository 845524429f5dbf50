package io.mmsguard.codec.mail;

import io.mmsguard.codec.MessagePart;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A body part with content: the transfer-encoded bytes exactly as received (written back untouched) and the
 * decoded {@link MessagePart} the scanners see.
 *
 * @param headers           the part's header block (for the root entity: the whole message header)
 * @param contentType       parsed Content-Type
 * @param transferEncoding  Content-Transfer-Encoding, lower case ({@code 7bit} when absent)
 * @param rawBody           body bytes still transfer-encoded; not copied, treat as immutable
 * @param part              decoded view
 * @param embedded          parts found inside this one that the scanners must see as well: the leaves of an
 *                          attached {@code message/rfc822} mail (at any depth) and files uuencoded into the text;
 *                          they travel inside this leaf, so removing one means removing this leaf
 */
public record LeafEntity(Headers headers, ContentType contentType, String transferEncoding, byte[] rawBody,
                         MessagePart part, List<MessagePart> embedded) implements MailEntity {

    public LeafEntity(Headers headers, ContentType contentType, String transferEncoding, byte[] rawBody,
                      MessagePart part) {
        this(headers, contentType, transferEncoding, rawBody, part, List.of());
    }

    public LeafEntity {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(transferEncoding, "transferEncoding");
        Objects.requireNonNull(rawBody, "rawBody");
        Objects.requireNonNull(part, "part");
        embedded = List.copyOf(embedded);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeafEntity l && headers.equals(l.headers) && contentType.equals(l.contentType)
                && transferEncoding.equals(l.transferEncoding) && Arrays.equals(rawBody, l.rawBody) && part.equals(l.part);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headers, contentType, transferEncoding, part) * 31 + Arrays.hashCode(rawBody);
    }

    @Override
    public String toString() {
        return "LeafEntity[" + part + ", " + transferEncoding + "]";
    }
}
