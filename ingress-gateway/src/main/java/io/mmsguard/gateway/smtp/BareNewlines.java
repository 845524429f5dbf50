package io.mmsguard.gateway.smtp;

import java.util.Locale;
import java.util.Optional;

/**
 * What an SMTP listener does with DATA holding a bare CR or bare LF (one not part of a CRLF). Such a byte is where
 * parsers disagree: Mime4j does not end a line at a bare CR, while a relay or MMSC may turn it into a line end, so
 * a MIME boundary can be invisible to the inspection and real at the MMSC (issue 15). Either way the decision is
 * taken before inspection: the bytes inspected are always the bytes relayed.
 */
public enum BareNewlines {
    /** Refuse the message with {@code 550 5.6.0}, as Postfix's {@code smtpd_forbid_bare_newline} does (default). */
    REFUSE,
    /** Turn every bare CR and bare LF into CRLF as the DATA is read, so that inspection sees what is relayed. */
    NORMALISE;

    /** The configuration value: {@code refuse} or {@code normalise}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BareNewlines> parse(String value) {
        for (BareNewlines b : values()) {
            if (b.value().equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
