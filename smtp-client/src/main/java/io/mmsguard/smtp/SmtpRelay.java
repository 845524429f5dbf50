package io.mmsguard.smtp;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An SMTP client towards an upstream (the MMSC's MM3/MM4 listener, or an originating MMSC for an MM4_forward.RES):
 * delivers one message and returns the upstream's final reply to DATA, or the first failing reply of the
 * transaction (a refusal is a reply, not a failure). When no such reply comes (connection refused or lost, timeout,
 * garbled reply) the future fails with a {@link SmtpRelayFailure} saying whether the final "." of DATA was written.
 */
public interface SmtpRelay {

    /**
     * @param mailFrom reverse path without angle brackets
     * @param data     the message as it goes on the wire after DATA, without dot-stuffing (the client adds it)
     */
    CompletableFuture<SmtpReply> send(String mailFrom, List<String> rcptTo, byte[] data);
}
