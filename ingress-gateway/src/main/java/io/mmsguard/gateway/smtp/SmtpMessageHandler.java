package io.mmsguard.gateway.smtp;

import java.util.concurrent.CompletableFuture;

import io.mmsguard.smtp.SmtpReply;

/**
 * What an SMTP listener does with each received message (MM3 or MM4). The server holds the client's DATA reply
 * until the future completes, then sends that reply. The future must always complete (the session core's timeout
 * guarantees it); a future completing exceptionally is answered {@code 451 4.3.0} and logged.
 */
public interface SmtpMessageHandler {

    CompletableFuture<SmtpReply> onMessage(SmtpTransaction transaction);
}
