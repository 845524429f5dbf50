package io.mmsguard.gateway.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The keep-alive connections to one upstream (scheme, host, port) from one event loop, used only on that loop, so
 * it needs no locks. At most {@code maxConnections} are open (connecting, busy or idle); a request beyond waits in a
 * bounded queue, at most the connect timeout. The most recently used idle connection is handed out first, so the
 * others age out by the idle timeout when traffic drops. Idle connections keep reading, so one the upstream closed
 * leaves the pool at once.
 */
final class UpstreamPool {

    /** Receives a connection (or why none), on the event loop. */
    interface Lease {
        void acquired(Channel channel, boolean reused);

        void failed(UpstreamFailure failure);
    }

    /** Connections open and idle over every pool of one upstream client (for the gauges). */
    record Counts(AtomicInteger open, AtomicInteger idle) {
    }

    private final class Waiter {
        final boolean fresh;
        final Lease lease;
        final ScheduledFuture<?> deadline;

        Waiter(boolean fresh, Lease lease) {
            this.fresh = fresh;
            this.lease = lease;
            this.deadline = loop.schedule(() -> {
                if (waiters.remove(this)) {
                    lease.failed(new UpstreamFailure(UpstreamFailure.Stage.NOT_SENT, origin
                            + ": no connection free within " + settings.connectTimeout(), null));
                }
            }, settings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private final EventLoop loop;
    private final String origin;
    private final String host;
    private final int port;
    private final UpstreamSettings settings;
    private final Counts counts;
    private final Bootstrap bootstrap;
    private final Deque<Channel> idle = new ArrayDeque<>();
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private int open;
    private boolean closed;

    /** @param tls the client TLS context for an https upstream, null for http */
    UpstreamPool(EventLoop loop, String scheme, String host, int port, SslContext tls, UpstreamSettings settings,
                 ChannelGroup channels, Counts counts) {
        this.loop = loop;
        this.origin = scheme + "://" + host + ":" + port;
        this.host = host;
        this.port = port;
        this.settings = settings;
        this.counts = counts;
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        channels.add(ch);
                        WireProgress wire = new WireProgress();
                        ch.pipeline().addLast("wire", wire);
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tlsHandler(ch, tls));
                        }
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(),
                                        TimeUnit.MILLISECONDS))
                                .addLast("http", new HttpClientCodec())
                                .addLast("aggregate", new HttpObjectAggregator(settings.maxResponseBytes()))
                                .addLast("exchange", new UpstreamConnection(settings.responseTimeout(), wire));
                    }
                });
    }

    private SslHandler tlsHandler(Channel ch, SslContext tls) {
        SslHandler handler = tls.newHandler(ch.alloc(), host, port);
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(params);
        handler.setHandshakeTimeoutMillis(settings.connectTimeout().toMillis());
        return handler;
    }

    /** On the event loop: a connection for one request; {@code fresh} asks for a new one, not an idle one. */
    void acquire(boolean fresh, Lease lease) {
        if (closed) {
            lease.failed(new UpstreamFailure(UpstreamFailure.Stage.NOT_SENT, origin + ": upstream client closed",
                    null));
            return;
        }
        Channel ch = fresh ? null : pollIdle();
        if (ch != null) {
            lease.acquired(ch, true);
        } else if (open < settings.maxConnections()) {
            connect(lease);
        } else if (waiters.size() < settings.maxWaiting()) {
            waiters.add(new Waiter(fresh, lease));
            if (fresh) {
                serveWaiters();
            }
        } else {
            lease.failed(new UpstreamFailure(UpstreamFailure.Stage.NOT_SENT, origin + ": " + open
                    + " connections busy and " + waiters.size() + " requests waiting", null));
        }
    }

    /** On the event loop, after an exchange: keeps the connection for the next request, or closes it. */
    void release(Channel ch, boolean reusable) {
        if (!reusable || closed || !ch.isActive()) {
            ch.close(); // onClosed frees its place
            return;
        }
        idle.addFirst(ch);
        counts.idle().incrementAndGet();
        serveWaiters();
    }

    /** On the event loop: closes the idle connections and fails the waiting requests. */
    void close() {
        closed = true;
        Waiter w;
        while ((w = waiters.poll()) != null) {
            w.deadline.cancel(false);
            w.lease.failed(new UpstreamFailure(UpstreamFailure.Stage.NOT_SENT, origin + ": upstream client closed",
                    null));
        }
        Channel ch;
        while ((ch = pollIdle()) != null) {
            ch.close();
        }
    }

    private void connect(Lease lease) {
        open++;
        counts.open().incrementAndGet();
        ChannelFuture connecting = bootstrap.connect(host, port);
        Channel ch = connecting.channel();
        ch.closeFuture().addListener(f -> onClosed(ch));
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                lease.failed(new UpstreamFailure(UpstreamFailure.Stage.NOT_SENT, origin + ": connect failed: "
                        + f.cause(), f.cause()));
                return;
            }
            SslHandler tls = ch.pipeline().get(SslHandler.class);
            if (tls == null) {
                lease.acquired(ch, false);
                return;
            }
            tls.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    lease.acquired(ch, false);
                } else {
                    ch.close();
                    lease.failed(new UpstreamFailure(UpstreamFailure.Stage.NOT_SENT, origin
                            + ": TLS handshake failed: " + h.cause(), h.cause()));
                }
            });
        });
    }

    private void onClosed(Channel ch) {
        if (idle.remove(ch)) {
            counts.idle().decrementAndGet();
        }
        open--;
        counts.open().decrementAndGet();
        serveWaiters();
    }

    private Channel pollIdle() {
        Channel ch;
        while ((ch = idle.pollFirst()) != null) {
            counts.idle().decrementAndGet();
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    private void serveWaiters() {
        while (!waiters.isEmpty() && !closed) {
            Waiter w = waiters.peek();
            Channel ch = w.fresh ? null : pollIdle();
            if (ch != null) {
                waiters.poll();
                w.deadline.cancel(false);
                w.lease.acquired(ch, true);
            } else if (open < settings.maxConnections()) {
                waiters.poll();
                w.deadline.cancel(false);
                connect(w.lease);
            } else if (w.fresh && !idle.isEmpty()) {
                Channel old = idle.pollLast();
                counts.idle().decrementAndGet();
                old.close(); // onClosed serves the waiters again with its place free
                return;
            } else {
                return;
            }
        }
    }
}
