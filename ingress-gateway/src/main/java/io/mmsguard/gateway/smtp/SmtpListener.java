package io.mmsguard.gateway.smtp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mmsguard.gateway.http.ConnectionGate;
import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.gateway.http.NettyListener;
import io.mmsguard.gateway.http.ReadBudget;
import io.mmsguard.gateway.session.BufferedBytes;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.tls.ServerTls;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP listener (MM3, MM4) with the limits every listener has: connection limits per listener and per client
 * address ({@link ConnectionGate}, counted), implicit TLS if
 * {@link ListenerSettings#tls()} is set (SMTPS), STARTTLS if {@link SmtpServerSettings#startTls()} is set, a
 * per-command timeout and an idle timeout (both answered 421), line and message size limits, and back-pressure
 * through {@link #setReading(boolean)}; who may send what is the given {@link SmtpAccess}, TLS may be required and
 * SMTP AUTH offered under TLS ({@link SmtpServerSettings}). {@link ListenerSettings#maxHeaderBytes()},
 * {@code maxBodyBytes()}, {@code requestDeadline()} and {@code headDeadline()} are HTTP limits and not used here; the
 * message limit is {@link SmtpServerSettings#maxMessageBytes()}; no address is exempt from the per-address cap.
 */
public final class SmtpListener extends NettyListener {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);

    private final AtomicBoolean reading;

    private SmtpListener(ListenerSettings settings, Channel server, ChannelGroup connections, AtomicBoolean reading) {
        super(settings, server, connections);
        this.reading = reading;
    }

    public static SmtpListener start(ListenerSettings settings, EventLoopGroup boss, EventLoopGroup workers,
                                     SmtpServerSettings smtp, SmtpMessageHandler handler, GatewayMetrics metrics)
            throws InterruptedException {
        return start(settings, boss, workers, smtp, SmtpAccess.OPEN, handler, BufferedBytes.unlimited(), metrics);
    }

    /**
     * @param access who may send what (MM3: local domains; MM4: peers)
     * @param budget the gateway-wide budget of buffered message bytes: what a client sent counts until a reply
     */
    public static SmtpListener start(ListenerSettings settings, EventLoopGroup boss, EventLoopGroup workers,
                                     SmtpServerSettings smtp, SmtpAccess access, SmtpMessageHandler handler,
                                     BufferedBytes budget, GatewayMetrics metrics) throws InterruptedException {
        if (smtp.requireTls() && settings.tls().isEmpty() && smtp.startTls().isEmpty()) {
            throw new IllegalArgumentException(settings.name() + ": TLS is required but no key store is configured");
        }
        // Implicit TLS wins: STARTTLS on a connection already under TLS is refused (503).
        ServerTls implicitTls = settings.tls().map(t -> ServerTls.start(settings.name(), "tls", t, metrics))
                .orElse(null);
        ServerTls startTls = implicitTls != null ? null
                : smtp.startTls().map(t -> ServerTls.start(settings.name(), "starttls", t, metrics)).orElse(null);
        ConnectionGate gate = new ConnectionGate(settings, metrics);
        ChannelGroup connections = gate.connections();
        AtomicBoolean reading = new AtomicBoolean(true);
        Channel server = bind(settings, boss, workers, gate, implicitTls != null ? implicitTls : startTls,
                reading::get, ch -> {
            ReadBudget bytes = new ReadBudget(budget, reply -> true, c -> {
                ChannelHandlerContext session = c.pipeline().context(SmtpSession.class);
                if (session != null) {
                    ((SmtpSession) session.handler()).updateReading(session);
                }
            });
            ch.pipeline().addLast("read-gate", bytes.gate());
            if (implicitTls != null) {
                ch.pipeline().addLast("tls", implicitTls.newHandler(ch.alloc()));
            }
            ch.pipeline()
                    .addLast("idle", new IdleStateHandler(smtp.commandTimeout().toMillis(), 0,
                            settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                    .addLast("read-budget", bytes)
                    .addLast("smtp", new SmtpSession(smtp, handler, startTls,
                            implicitTls != null, () -> reading.get() && bytes.mayRead(), access, settings.name(),
                            metrics));
        });
        LOG.info("{} listening on {}{}{}{}{}", settings.name(), server.localAddress(),
                implicitTls != null ? " (TLS)" : "", startTls != null ? " (STARTTLS)" : "",
                smtp.requireTls() ? " (TLS required)" : "", smtp.users().enabled() ? " (AUTH under TLS)" : "");
        return new SmtpListener(settings, server, connections, reading);
    }

    /**
     * Every connection of this listener stops or resumes reading (back-pressure). A connection whose DATA reply is
     * held for a decision reads on only until {@code SmtpSession.HOLD_BUFFER} pipelined bytes wait behind it.
     */
    @Override
    public void setReading(boolean read) {
        reading.set(read);
        connections.forEach(ch -> ch.eventLoop().execute(() -> {
            ChannelHandlerContext ctx = ch.pipeline().context(SmtpSession.class);
            if (ctx != null) {
                ((SmtpSession) ctx.handler()).updateReading(ctx);
            }
        }));
    }
}
