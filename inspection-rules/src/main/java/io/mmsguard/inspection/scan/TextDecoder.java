package io.mmsguard.inspection.scan;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * Text of a {@code text/*} part in its declared charset. Undecodable bytes become U+FFFD and an unknown or missing
 * charset means UTF-8: a scan must never fail on a badly labelled part, or an attacker would label parts badly.
 */
public final class TextDecoder {

    private TextDecoder() {
    }

    public static boolean isText(ScanPart part) {
        return part.contentType().toLowerCase(Locale.ROOT).startsWith("text/");
    }

    public static String decode(ScanPart part) {
        return new String(part.content(), charsetOf(part.charset()));
    }

    /** The text of at most the first {@code maxBytes} bytes: a bounded read for consumers that need only a prefix. */
    public static String decodePrefix(ScanPart part, int maxBytes) {
        return new String(part.content(), 0, Math.min(maxBytes, part.content().length), charsetOf(part.charset()));
    }

    static Charset charsetOf(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
