package io.mmsguard.codec.mm7;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An encoded MM7 message as it travels in an HTTP POST body or response (the adapter adds {@code SOAPAction: ""}).
 *
 * @param contentType the HTTP Content-Type header value
 * @param body        the HTTP body; not copied, treat as immutable
 */
public record Mm7HttpMessage(String contentType, byte[] body) {

    public Mm7HttpMessage {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    @Override
    public String toString() {
        return contentType + "\n" + new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mm7HttpMessage m && contentType.equals(m.contentType) && java.util.Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return contentType.hashCode() * 31 + java.util.Arrays.hashCode(body);
    }
}
