package io.mmsguard.gateway.http;

import io.netty.channel.EventLoop;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The upstream MMSC (or VASP) over HTTP. The request runs on {@code loop}, the inbound channel's event loop, and the
 * future completes there, so a handler continues without a thread hop. A failure completes the future with an
 * {@link UpstreamFailure} saying whether the upstream may have the request. POSTs are never retried (the upstream may
 * have accepted the message); GETs may be retried once on a connection that failed before the request was written.
 * Hop-by-hop headers ({@link #HOP_BY_HOP}) are never copied.
 */
public interface HttpUpstream extends AutoCloseable {

    /** Hop-by-hop and length headers that must not be copied from one connection to the other. */
    java.util.Set<String> HOP_BY_HOP = java.util.Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "host",
            "expect");

    CompletableFuture<UpstreamResponse> post(EventLoop loop, URI uri, Map<String, String> headers, byte[] body);

    CompletableFuture<UpstreamResponse> get(EventLoop loop, URI uri, Map<String, String> headers);

    @Override
    void close();
}
