package io.mmsguard.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An SMTP reply: code, optional enhanced status (RFC 3463, e.g. {@code 5.7.1}) and text lines. Text is sanitised
 * when written: CR, LF and other control characters never reach the wire, so a replacement text from a profile
 * cannot inject SMTP lines.
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}]");

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code out of range: " + code);
        }
        lines = lines.isEmpty() ? List.of("") : List.copyOf(lines);
    }

    public static SmtpReply of(int code, String enhanced, String text) {
        return new SmtpReply(code, enhanced, List.of(Objects.requireNonNullElse(text, "")));
    }

    public boolean positive() {
        return code < 400;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** The reply as sent: one line per text line, {@code 250-} continuation and {@code 250 } on the last. */
    public byte[] toWire() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            b.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhanced != null && !enhanced.isEmpty()) {
                b.append(enhanced).append(' ');
            }
            b.append(CONTROL.matcher(lines.get(i)).replaceAll(" ")).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
