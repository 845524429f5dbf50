package io.mmsguard.gateway.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.netty.channel.EventLoop;

/**
 * The upstream MMSC over HTTP: a pooled JDK client with connect and response timeouts. GETs (MM1 retrievals) are
 * retried once on a connection failure, since they are idempotent; POSTs are never retried, since the MMSC may have
 * accepted the message before the failure. The JDK client cannot tell how much of a request was written: a refused
 * or failed connection is {@link UpstreamFailure.Stage#NOT_SENT}, anything else {@link UpstreamFailure.Stage#NO_ANSWER}.
 */
public final class UpstreamHttp implements HttpUpstream {

    private final HttpClient client;
    private final Duration responseTimeout;

    public UpstreamHttp(Duration connectTimeout, Duration responseTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.responseTimeout = responseTimeout;
    }

    @Override
    public CompletableFuture<UpstreamResponse> post(EventLoop loop, URI uri, Map<String, String> headers,
                                                    byte[] body) {
        return onLoop(loop, post(uri, headers, body));
    }

    @Override
    public CompletableFuture<UpstreamResponse> get(EventLoop loop, URI uri, Map<String, String> headers) {
        return onLoop(loop, get(uri, headers));
    }

    @Override
    public void close() {
        // the JDK client's threads are daemons and its connections close when idle
    }

    /** Completes on the event loop, with failures as {@link UpstreamFailure}. */
    private static CompletableFuture<UpstreamResponse> onLoop(EventLoop loop, CompletableFuture<UpstreamResponse> f) {
        CompletableFuture<UpstreamResponse> out = new CompletableFuture<>();
        f.whenCompleteAsync((r, e) -> {
            if (e == null) {
                out.complete(r);
            } else {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                out.completeExceptionally(cause instanceof UpstreamFailure ? cause : new UpstreamFailure(
                        cause instanceof java.net.ConnectException ? UpstreamFailure.Stage.NOT_SENT
                                : UpstreamFailure.Stage.NO_ANSWER, cause.toString(), cause));
            }
        }, loop);
        return out;
    }

    private CompletableFuture<UpstreamResponse> post(URI uri, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(responseTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (!HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                b.header(k, v);
            }
        });
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(UpstreamHttp::response);
    }

    private CompletableFuture<UpstreamResponse> get(URI uri, Map<String, String> headers) {
        return getOnce(uri, headers).handle((r, e) -> r != null ? CompletableFuture.completedFuture(r)
                : retryable(e) ? getOnce(uri, headers) : CompletableFuture.<UpstreamResponse>failedFuture(e))
                .thenCompose(f -> f);
    }

    private CompletableFuture<UpstreamResponse> getOnce(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(responseTimeout).GET();
        headers.forEach((k, v) -> {
            if (!HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                b.header(k, v);
            }
        });
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(UpstreamHttp::response);
    }

    private static boolean retryable(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        return cause instanceof IOException && !(cause instanceof HttpTimeoutException);
    }

    private static UpstreamResponse response(HttpResponse<byte[]> r) {
        return new UpstreamResponse(r.statusCode(), r.headers().map(), r.body());
    }
}
