package io.mmsguard.codec.mm7;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The MM7 vectors (located by {@link io.mmsguard.codec.Vectors}) and how their captures are turned into HTTP bodies. */
final class Vectors {

    private Vectors() {
    }

    static Path dir() {
        return io.mmsguard.codec.Vectors.require("mm7/instantcom-mm7");
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP body with the Content-Type it travelled with. */
    record Http(String contentType, byte[] body) {
    }

    /**
     * The vectors are either an HTTP request (headers, blank line, body), a bare multipart body whose first line is
     * the delimiter (the Content-Type is rebuilt from it, since the capture lost it), or bare SOAP XML.
     */
    static Http http(String name) {
        byte[] raw = bytes(name);
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (text.startsWith("POST ")) {
            int end = text.indexOf("\r\n\r\n");
            int sep = 4;
            if (end < 0) {
                end = text.indexOf("\n\n");
                sep = 2;
            }
            String contentType = null;
            for (String line : text.substring(0, end).split("\r?\n")) {
                if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                    contentType = line.substring(13).trim();
                }
            }
            return new Http(contentType, Arrays.copyOfRange(raw, end + sep, raw.length));
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("--")) {
            String first = trimmed.substring(2, trimmed.indexOf('\n')).strip();
            return new Http("multipart/related; boundary=\"" + first + "\"; type=\"text/xml\"", raw);
        }
        return new Http("text/xml; charset=utf-8", raw);
    }
}
