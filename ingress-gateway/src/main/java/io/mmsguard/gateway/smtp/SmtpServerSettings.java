package io.mmsguard.gateway.smtp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.gateway.tls.TlsSettings;

/**
 * The SMTP side of an MM3/MM4 listener (the socket, connection limit and idle timeout are in
 * {@link ListenerSettings}).
 *
 * @param hostname        name in the 220 greeting and the EHLO reply
 * @param maxMessageBytes DATA larger than this (after dot-unstuffing, with CRLFs) is refused with 552; also
 *                        advertised as {@code SIZE}
 * @param maxLineLength   longest text line in DATA, without its CRLF (RFC 5321 §4.5.3.1.6: 998). Command lines
 *                        are always limited to 998 + CRLF.
 * @param maxRecipients   RCPT TO over this gets {@code 452 4.5.3}
 * @param commandTimeout  the server waits this long for the next command or data line (RFC 5321 §4.5.3.2: 5
 *                        minutes), then answers 421 and closes; not counted while a reply is held for a decision
 * @param startTls        TLS offered through STARTTLS; empty = STARTTLS not offered (454)
 * @param bareNewlines    DATA with a bare CR or LF: refused with {@code 550 5.6.0} (default) or normalised to CRLF
 *                        before the handler sees it
 * @param requireTls      before TLS (STARTTLS, or an implicit-TLS listener) only EHLO, HELO, STARTTLS, NOOP, RSET
 *                        and QUIT; anything else gets {@code 530 5.7.0}
 * @param users           the SMTP AUTH users (PLAIN, LOGIN), offered and accepted only under TLS;
 *                        {@link SmtpUsers#NONE}: no AUTH
 */
public record SmtpServerSettings(String hostname, long maxMessageBytes, int maxLineLength, int maxRecipients,
                                 Duration commandTimeout, Optional<TlsSettings> startTls,
                                 BareNewlines bareNewlines, boolean requireTls, SmtpUsers users) {

    public static final int COMMAND_LINE_LENGTH = 998;
    public static final int DEFAULT_LINE_LENGTH = 998;
    public static final int DEFAULT_MAX_RECIPIENTS = 100;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(5);

    public SmtpServerSettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(startTls, "startTls");
        Objects.requireNonNull(bareNewlines, "bareNewlines");
        Objects.requireNonNull(users, "users");
        if (maxMessageBytes < 1 || maxLineLength < 78 || maxRecipients < 1 || commandTimeout.isNegative()
                || commandTimeout.isZero()) {
            throw new IllegalArgumentException("SMTP limits must be positive (line length at least 78)");
        }
    }

    /** Refusing bare CR and LF. */
    public SmtpServerSettings(String hostname, long maxMessageBytes, int maxLineLength, int maxRecipients,
                              Duration commandTimeout, Optional<TlsSettings> startTls) {
        this(hostname, maxMessageBytes, maxLineLength, maxRecipients, commandTimeout, startTls, BareNewlines.REFUSE,
                false, SmtpUsers.NONE);
    }

    /**
     * RFC 5321 defaults: 998-byte lines, 100 recipients, a 5-minute command timeout, no STARTTLS, TLS not required,
     * no AUTH; bare CR or LF in DATA refused.
     */
    public static SmtpServerSettings defaults(String hostname, long maxMessageBytes) {
        return new SmtpServerSettings(hostname, maxMessageBytes, DEFAULT_LINE_LENGTH, DEFAULT_MAX_RECIPIENTS,
                DEFAULT_COMMAND_TIMEOUT, Optional.empty());
    }

    public SmtpServerSettings withStartTls(TlsSettings tls) {
        return new SmtpServerSettings(hostname, maxMessageBytes, maxLineLength, maxRecipients, commandTimeout,
                Optional.of(tls), bareNewlines, requireTls, users);
    }

    public SmtpServerSettings withCommandTimeout(Duration timeout) {
        return new SmtpServerSettings(hostname, maxMessageBytes, maxLineLength, maxRecipients, timeout, startTls,
                bareNewlines, requireTls, users);
    }

    public SmtpServerSettings withBareNewlines(BareNewlines policy) {
        return new SmtpServerSettings(hostname, maxMessageBytes, maxLineLength, maxRecipients, commandTimeout,
                startTls, policy, requireTls, users);
    }

    public SmtpServerSettings withRequireTls(boolean required) {
        return new SmtpServerSettings(hostname, maxMessageBytes, maxLineLength, maxRecipients, commandTimeout,
                startTls, bareNewlines, required, users);
    }

    public SmtpServerSettings withUsers(SmtpUsers authUsers) {
        return new SmtpServerSettings(hostname, maxMessageBytes, maxLineLength, maxRecipients, commandTimeout,
                startTls, bareNewlines, requireTls, authUsers);
    }
}
