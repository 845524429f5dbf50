package io.mmsguard.codec.mm7;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Our own fixtures (spec text, not third-party data) from src/test/resources/mm7. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/mm7/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP request fixture: its Content-Type header and body (LF line ends are turned into CRLF). */
    static Vectors.Http http(String name) {
        String text = new String(bytes(name), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        int end = text.indexOf("\r\n\r\n");
        String contentType = Arrays.stream(text.substring(0, end).split("\r\n"))
                .filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13)).map(l -> l.substring(13).trim())
                .findFirst().orElseThrow();
        return new Vectors.Http(contentType, text.substring(end + 4).getBytes(StandardCharsets.UTF_8));
    }
}
