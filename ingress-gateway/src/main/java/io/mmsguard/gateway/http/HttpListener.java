package io.mmsguard.gateway.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.mmsguard.gateway.session.BufferedBytes;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.PendingSessions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.LastHttpContent;
import io.mmsguard.gateway.tls.ServerTls;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP listener (MM1, MM7) with the limits every listener has: TLS if configured, connection limits (per listener
 * and per client address, {@link ConnectionGate}), header and body limits (431/413 from Netty's codec and
 * aggregator), an idle timeout, deadlines for the request head and the whole request ({@link SlowClientGuard}), and
 * back-pressure ({@link InboundReading}): while too many sessions wait for decisions every connection stops reading,
 * and resumes when the backlog drains; a connection holds one request at a time and does not read the next one while
 * the current one is answered ({@link PipeliningGuard}).
 */
public final class HttpListener extends NettyListener {
    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);

    private HttpListener(ListenerSettings settings, Channel server, ChannelGroup connections) {
        super(settings, server, connections);
    }

    /**
     * @param protocol a new protocol handler per connection, receiving {@code FullHttpRequest}s
     */
    public static HttpListener start(ListenerSettings settings, EventLoopGroup boss, EventLoopGroup workers,
                                     Supplier<ChannelHandler> protocol, PendingSessions pending,
                                     GatewayMetrics metrics) throws InterruptedException {
        return start(settings, boss, workers, protocol, pending, BufferedBytes.unlimited(), metrics);
    }

    /**
     * @param protocol a new protocol handler per connection, receiving {@code FullHttpRequest}s
     * @param budget   the gateway-wide budget of buffered message bytes: request bodies count until answered
     */
    public static HttpListener start(ListenerSettings settings, EventLoopGroup boss, EventLoopGroup workers,
                                     Supplier<ChannelHandler> protocol, PendingSessions pending, BufferedBytes budget,
                                     GatewayMetrics metrics) throws InterruptedException {
        ServerTls tls = settings.tls().map(t -> ServerTls.start(settings.name(), "tls", t, metrics)).orElse(null);
        ConnectionGate gate = new ConnectionGate(settings, metrics);
        ChannelGroup connections = gate.connections();
        WarningThrottle deadlineWarnings = new WarningThrottle(Duration.ofSeconds(10), System::nanoTime);
        Channel server = bind(settings, boss, workers, gate, tls, () -> !pending.isSaturated(), ch -> {
            if (!ch.config().isAutoRead()) {
                InboundReading.hold(ch, InboundReading.Hold.BACKLOG, true); // bind paused it: saturated
            }
            // Counts body bytes of the request being received or answered, released when its answer's last part
            // goes; gates reads first.
            ReadBudget bytes = new ReadBudget(budget, AnswerEnd::test, c -> InboundReading.hold(
                    c.channel(), InboundReading.Hold.BYTES, !((ReadBudget) c.handler()).mayRead()));
            PipeliningGuard oneAtATime = new PipeliningGuard();
            SlowClientGuard deadlines = new SlowClientGuard(settings.headDeadline(), settings.requestDeadline(),
                    deadline -> metrics.requestTimedOut(settings.name(), deadline), deadlineWarnings);
            ch.pipeline().addLast("read-gate", bytes.gate()).addLast("pipelining-gate", oneAtATime.gate());
            if (tls != null) {
                ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
            }
            ch.pipeline()
                    .addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(),
                            TimeUnit.MILLISECONDS))
                    .addLast("idle-close", new IdleCloser(() -> deadlines.awaitsRequest()
                            && ch.config().isAutoRead()))
                    .addLast("first-bytes", deadlines.firstBytes())
                    .addLast("http", new HttpServerCodec(4096, settings.maxHeaderBytes(), 65536))
                    .addLast("pipelining", oneAtATime)
                    .addLast("read-budget", bytes)
                    .addLast("slow-client", deadlines)
                    .addLast("continue", new HttpServerExpectContinueHandler())
                    .addLast("aggregate", new HttpObjectAggregator(settings.maxBodyBytes(), true))
                    .addLast("bad-request", new BadRequestResponder())
                    .addLast("protocol", protocol.get());
        });
        LOG.info("{} listening on {}{}", settings.name(), server.localAddress(), tls != null ? " (TLS)" : "");
        HttpListener listener = new HttpListener(settings, server, connections);
        return listener;
    }

    @Override
    public void setReading(boolean read) {
        connections.forEach(ch -> ch.eventLoop().execute(() -> InboundReading.hold(ch, InboundReading.Hold.BACKLOG,
                !read)));
    }
}
