package io.mmsguard.smtp;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An SMTP client towards an upstream (the MMSC's MM3/MM4 listener, or an originating MMSC for an MM4_forward.RES):
 * delivers one message and returns the upstream's final reply to DATA, or the first failing reply of the
 * transaction. A connection failure or timeout completes with a {@code 451} reply, never exceptionally.
 */
public interface SmtpRelay {

    /**
     * @param mailFrom reverse path without angle brackets
     * @param data     the message as it goes on the wire after DATA, without dot-stuffing (the client adds it)
     */
    CompletableFuture<SmtpReply> send(String mailFrom, List<String> rcptTo, byte[] data);
}
