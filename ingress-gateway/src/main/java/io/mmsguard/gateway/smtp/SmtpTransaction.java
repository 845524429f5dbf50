package io.mmsguard.gateway.smtp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One message as the SMTP server received it: the envelope (HELO name, MAIL FROM, RCPT TO) and the DATA with the
 * dot-stuffing removed and CRLF line ends only (a bare CR or LF was refused, or normalised to CRLF when the listener
 * says so), exactly as the client sent it otherwise. These bytes are both inspected and relayed.
 *
 * @param mailFrom reverse path without angle brackets ("" for the null sender)
 * @param tls       whether the session was under TLS (STARTTLS or implicit) when DATA arrived
 * @param principal who the client was admitted as at MAIL ({@link SmtpAccess.Verdict#principal()}: the AUTH user on
 *                  MM3, the peer's name on MM4), or null
 * @param connected whether the client is still connected: false once it closed or reset the connection while the
 *                  DATA reply is held
 */
public record SmtpTransaction(String helo, String mailFrom, List<String> rcptTo, byte[] data,
                              InetSocketAddress client, boolean tls, String principal,
                              BooleanSupplier connected) {

    public SmtpTransaction {
        Objects.requireNonNull(mailFrom, "mailFrom");
        rcptTo = List.copyOf(rcptTo);
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(connected, "connected");
    }
}
