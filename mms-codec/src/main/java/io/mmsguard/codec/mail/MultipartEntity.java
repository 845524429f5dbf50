package io.mmsguard.codec.mail;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A multipart entity. Preamble and epilogue are kept so that a re-serialised message differs from the original
 * only where parts were changed.
 *
 * @param headers     the entity's header block
 * @param contentType parsed Content-Type ({@code multipart/...})
 * @param boundary    the boundary parameter
 * @param preamble    bytes before the first delimiter (without the line break that belongs to it)
 * @param children    body parts in order
 * @param epilogue    bytes after the close delimiter line
 */
public record MultipartEntity(Headers headers, ContentType contentType, String boundary, byte[] preamble,
                              List<MailEntity> children, byte[] epilogue) implements MailEntity {

    public MultipartEntity {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(boundary, "boundary");
        Objects.requireNonNull(preamble, "preamble");
        Objects.requireNonNull(epilogue, "epilogue");
        children = List.copyOf(children);
    }

    public MultipartEntity withChildren(List<MailEntity> newChildren) {
        return new MultipartEntity(headers, contentType, boundary, preamble, newChildren, epilogue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultipartEntity m && headers.equals(m.headers) && contentType.equals(m.contentType)
                && boundary.equals(m.boundary) && Arrays.equals(preamble, m.preamble) && children.equals(m.children)
                && Arrays.equals(epilogue, m.epilogue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headers, contentType, boundary, children);
    }

    @Override
    public String toString() {
        return "MultipartEntity[" + contentType.value() + ", " + children + "]";
    }
}
