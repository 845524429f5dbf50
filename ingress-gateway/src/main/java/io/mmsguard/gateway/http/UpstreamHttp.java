package io.mmsguard.gateway.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The upstream MMSC over HTTP: a pooled JDK client with connect and response timeouts. GETs (MM1 retrievals) are
 * retried once on a connection failure, since they are idempotent; POSTs are never retried, since the MMSC may have
 * accepted the message before the failure.
 */
public final class UpstreamHttp {
    /** Hop-by-hop and length headers that must not be copied from one connection to the other. */
    public static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "host",
            "expect");

    private final HttpClient client;
    private final Duration responseTimeout;

    public UpstreamHttp(Duration connectTimeout, Duration responseTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.responseTimeout = responseTimeout;
    }

    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
    }

    public CompletableFuture<Response> post(URI uri, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(responseTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (!HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                b.header(k, v);
            }
        });
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(UpstreamHttp::response);
    }

    public CompletableFuture<Response> get(URI uri, Map<String, String> headers) {
        return getOnce(uri, headers).handle((r, e) -> r != null ? CompletableFuture.completedFuture(r)
                : retryable(e) ? getOnce(uri, headers) : CompletableFuture.<Response>failedFuture(e))
                .thenCompose(f -> f);
    }

    private CompletableFuture<Response> getOnce(URI uri, Map<String, String> headers) {
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

    private static Response response(HttpResponse<byte[]> r) {
        return new Response(r.statusCode(), r.headers().map(), r.body());
    }
}
