package io.mmsguard.notifier.delivery;

import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.notifier.NoticeComposer;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.smtp.SmtpClientSecurity;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.service.log.UserInfo;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * MM3 and MM4: sends the composed mail ({@link NoticeComposer.Outgoing#envelope()} for MAIL FROM and RCPT TO) over
 * SMTP to the delivery's {@code mmscUrl}, {@code smtp://host[:port]} (port 25 by default), one connection per
 * notice, through {@link SmtpClient} on the given executor. Delivered = a 2xx reply to DATA. Retryable: any 4xx,
 * including the client's own 451 for a failed connection, a timeout or a TLS or AUTH failure
 * ({@link SmtpClientSecurity}; the certificate must name the {@code mmscUrl}'s host). Permanent: any 5xx, a missing or invalid
 * {@code mmscUrl}, an outgoing without envelope. The detail is the SMTP reply.
 */
public final class MailSender implements NoticeSender {
    public static final int DEFAULT_PORT = 25;

    private final String ehloHostname;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Executor executor;
    private final SmtpClientSecurity security;

    /** Plain SMTP ({@link SmtpClientSecurity#NONE}). */
    public MailSender(String ehloHostname, Duration connectTimeout, Duration commandTimeout, Executor executor) {
        this(ehloHostname, connectTimeout, commandTimeout, executor, SmtpClientSecurity.NONE);
    }

    /**
     * @param executor runs the blocking SMTP dialogues; give it a small dedicated pool, since each notice in
     *                 flight holds one thread for the whole dialogue
     */
    public MailSender(String ehloHostname, Duration connectTimeout, Duration commandTimeout, Executor executor,
                      SmtpClientSecurity security) {
        this.security = Objects.requireNonNull(security, "security");
        this.ehloHostname = Objects.requireNonNull(ehloHostname, "ehloHostname");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public CompletableFuture<SendResult> send(NoticeComposer.Outgoing outgoing, NotificationDelivery delivery) {
        NoticeComposer.Envelope envelope = outgoing.envelope();
        if (envelope == null) {
            return CompletableFuture.completedFuture(
                    SendResult.permanent(outgoing.method() + " notice has no SMTP envelope"));
        }
        InetSocketAddress upstream;
        try {
            upstream = upstream(delivery.getMmscUrl());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(SendResult.permanent(e.getMessage()));
        }
        return new SmtpClient(upstream, ehloHostname, connectTimeout, commandTimeout, executor, security)
                .send(envelope.mailFrom(), List.of(envelope.rcptTo()), outgoing.body())
                .thenApply(MailSender::result);
    }

    static SendResult result(SmtpReply reply) {
        String detail = "SMTP " + reply.code() + (reply.enhanced() == null ? "" : " " + reply.enhanced()) + " "
                + String.join(" ", reply.lines());
        if (reply.code() < 300) {
            return SendResult.delivered(detail);
        }
        return reply.transientFailure() ? SendResult.retryable(detail) : SendResult.permanent(detail);
    }

    /**
     * The host and port of {@code smtp://host[:port]}, left unresolved: the client resolves it per connection, so
     * an unknown host is a retryable connection failure rather than a broken profile.
     *
     * @throws IllegalArgumentException for a missing url, another scheme, no host, a port out of range or a path
     */
    static InetSocketAddress upstream(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the delivery has no mmscUrl");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("mmscUrl is not a URI: " + UserInfo.mask(e.getMessage()));
        }
        if (!"smtp".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null || uri.getPort() > 65535 || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/")) || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("mmscUrl of a mail delivery must be smtp://host[:port]: "
                    + UserInfo.mask(url));
        }
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
    }
}
