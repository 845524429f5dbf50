package io.mmsguard.gateway.http;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.service.log.UserInfo;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 upstream leg on Netty: each request runs on the inbound channel's event loop, over a keep-alive
 * connection of that loop's pool for the upstream ({@link UpstreamPool}), and completes there, so a session never
 * changes threads. https upstreams are verified against the operator's trust store or the JDK's ({@link UpstreamTls}),
 * host name included.
 *
 * <p>Retries: a request that failed before any of its bytes reached the socket of a reused connection (one the
 * upstream closed between requests) is sent once more on a new connection; a GET once more after any failure that
 * left it unsent. A request any byte of which went out is never sent again.
 */
public final class NettyUpstream implements HttpUpstream {
    private static final Logger LOG = LoggerFactory.getLogger(NettyUpstream.class);

    private record Origin(EventLoop loop, String scheme, String host, int port) {
    }

    private final UpstreamSettings settings;
    private final GatewayMetrics metrics;
    private final SslContext tls;
    private final Map<Origin, UpstreamPool> pools = new ConcurrentHashMap<>();
    private final ChannelGroup channels = new DefaultChannelGroup("upstream", GlobalEventExecutor.INSTANCE);
    private final UpstreamPool.Counts counts = new UpstreamPool.Counts(new AtomicInteger(), new AtomicInteger());
    private volatile boolean closed;

    public NettyUpstream(UpstreamSettings settings, GatewayMetrics metrics) {
        this(settings, metrics, UpstreamTls.DEFAULT.context());
    }

    /** With the operator's trust store and client certificate for https upstreams. */
    public NettyUpstream(UpstreamSettings settings, GatewayMetrics metrics, UpstreamTls tls) {
        this(settings, metrics, tls.context());
    }

    /** With {@code tls} as the client context of https upstreams (tests trust their own certificate with it). */
    NettyUpstream(UpstreamSettings settings, GatewayMetrics metrics, SslContext tls) {
        this.settings = settings;
        this.metrics = metrics;
        this.tls = tls;
        metrics.upstreamConnections(counts.open()::get, counts.idle()::get);
    }


    @Override
    public CompletableFuture<UpstreamResponse> post(EventLoop loop, URI uri, Map<String, String> headers,
                                                    byte[] body) {
        return send(loop, HttpMethod.POST, uri, headers, body);
    }

    @Override
    public CompletableFuture<UpstreamResponse> get(EventLoop loop, URI uri, Map<String, String> headers) {
        return send(loop, HttpMethod.GET, uri, headers, null);
    }

    private CompletableFuture<UpstreamResponse> send(EventLoop loop, HttpMethod method, URI uri,
                                                     Map<String, String> headers, byte[] body) {
        CompletableFuture<UpstreamResponse> result = new CompletableFuture<>();
        Runnable first = () -> attempt(loop, method, uri, headers, body, false, result);
        if (loop.inEventLoop()) {
            first.run();
        } else {
            try {
                loop.execute(first);
            } catch (RejectedExecutionException e) {
                fail(result, new UpstreamFailure(UpstreamFailure.Stage.NOT_SENT, "event loop shut down", e));
            }
        }
        return result;
    }

    private void attempt(EventLoop loop, HttpMethod method, URI uri, Map<String, String> headers, byte[] body,
                         boolean retry, CompletableFuture<UpstreamResponse> result) {
        UpstreamPool pool;
        try {
            pool = pool(loop, uri);
        } catch (IllegalArgumentException e) {
            fail(result, new UpstreamFailure(UpstreamFailure.Stage.NOT_SENT, e.getMessage(), e));
            return;
        }
        boolean idempotent = method.equals(HttpMethod.GET);
        pool.acquire(retry, new UpstreamPool.Lease() {
            @Override
            public void acquired(io.netty.channel.Channel channel, boolean reused) {
                channel.pipeline().get(UpstreamConnection.class).send(request(method, uri, headers, body), r -> {
                    pool.release(channel, r.reusable());
                    if (r.failure() == null) {
                        result.complete(r.response());
                    } else if (!retry && r.failure().stage() == UpstreamFailure.Stage.NOT_SENT
                            && (idempotent || reused && r.nothingWritten())) {
                        LOG.debug("{} {}: {}; sending once more on a new connection", method, UserInfo.mask(uri),
                                r.failure().getMessage());
                        attempt(loop, method, uri, headers, body, true, result);
                    } else {
                        fail(result, r.failure());
                    }
                });
            }

            @Override
            public void failed(UpstreamFailure failure) {
                if (!retry && idempotent && !closed) {
                    attempt(loop, method, uri, headers, body, true, result);
                } else {
                    fail(result, failure);
                }
            }
        });
    }

    private void fail(CompletableFuture<UpstreamResponse> result, UpstreamFailure failure) {
        metrics.upstreamFailure(failure.stage().name().toLowerCase(Locale.ROOT));
        result.completeExceptionally(failure);
    }

    private UpstreamPool pool(EventLoop loop, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http or https URL: " + UserInfo.mask(uri));
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return pools.computeIfAbsent(new Origin(loop, scheme, uri.getHost(), port), o -> new UpstreamPool(loop,
                scheme, hostOnly(o.host()), port, scheme.equals("https") ? tls : null, settings, channels, counts));
    }

    /** The host without the brackets of an IPv6 literal, as the resolver wants it. */
    private static String hostOnly(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** A new request per attempt: the body buffer is released when written. Host and Content-Length are ours. */
    private static FullHttpRequest request(HttpMethod method, URI uri, Map<String, String> headers, byte[] body) {
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        headers.forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                r.headers().add(name, value);
            }
        });
        r.headers().set(HttpHeaderNames.HOST, uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":"
                + uri.getPort());
        if (body != null) {
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        return r;
    }

    @Override
    public void close() {
        closed = true;
        pools.forEach((origin, pool) -> {
            try {
                origin.loop().execute(pool::close);
            } catch (RejectedExecutionException e) {
                // the loop is gone, and its connections with it
            }
        });
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
