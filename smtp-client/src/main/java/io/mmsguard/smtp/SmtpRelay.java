package io.mmsguard.smtp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An SMTP client towards an upstream (the MMSC's MM3/MM4 listener, or an originating MMSC for an MM4_forward.RES):
 * delivers one message and returns the upstream's final reply to DATA, or the first failing reply of the
 * transaction (a refusal is a reply, not a failure).
 */
public interface SmtpRelay {

    /**
     * Delivers the message; when no such reply comes (connection refused or lost, timeout, garbled reply) the future
     * fails with a {@link SmtpRelayFailure} saying whether the final "." of DATA was written.
     *
     * @param mailFrom reverse path without angle brackets
     * @param data     the message as it goes on the wire after DATA, without dot-stuffing (the client adds it)
     */
    CompletableFuture<SmtpReply> deliver(String mailFrom, List<String> rcptTo, byte[] data);

    /**
     * {@link #deliver}, for a caller to whom any failure is simply worth a retry: a failure completes with its
     * {@code 451} reply ({@link SmtpRelayFailure#reply()}), never exceptionally.
     */
    default CompletableFuture<SmtpReply> send(String mailFrom, List<String> rcptTo, byte[] data) {
        return deliver(mailFrom, rcptTo, data).exceptionally(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof SmtpRelayFailure f) {
                return f.reply();
            }
            throw e instanceof CompletionException c ? c : new CompletionException(cause);
        });
    }
}
