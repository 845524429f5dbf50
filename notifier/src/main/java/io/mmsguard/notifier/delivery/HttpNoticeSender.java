package io.mmsguard.notifier.delivery;

import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.notifier.NoticeComposer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The HTTP POST shared by {@link Mm1Sender} and {@link Mm7Sender}: the outgoing body with its Content-Type to the
 * delivery's {@code mmscUrl}; the subclass judges the response. A delivery without {@code mmscUrl} is PERMANENT;
 * I/O errors and timeouts are RETRYABLE.
 * <p>
 * Credentials: the delivery's {@code credentialsRef} is resolved by a {@code Function<String, Optional<String>>}
 * to {@code user:password} (in production by the {@link CredentialStore}: the profile only names the secret) and
 * sent as HTTP basic auth.
 */
public abstract class HttpNoticeSender implements NoticeSender {

    private final HttpClient http;
    private final Duration requestTimeout;
    private final Function<String, Optional<String>> credentials;

    HttpNoticeSender(HttpClient http, Duration requestTimeout, Function<String, Optional<String>> credentials) {
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.credentials = credentials;
    }

    /** The outcome of one HTTP response. */
    abstract SendResult result(HttpResponse<byte[]> response);

    @Override
    public CompletableFuture<SendResult> send(NoticeComposer.Outgoing outgoing, NotificationDelivery delivery) {
        try {
            return http.sendAsync(request(delivery, outgoing.contentType(), outgoing.body(), requestTimeout,
                            credentials), HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(this::result)
                    .exceptionally(e -> SendResult.retryable(outgoing.method() + " POST failed: " + e));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(SendResult.permanent(e.getMessage()));
        }
    }

    static HttpRequest request(NotificationDelivery delivery, String contentType, byte[] body, Duration timeout,
                               Function<String, Optional<String>> credentials) {
        String url = delivery.getMmscUrl();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the delivery has no mmscUrl");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String ref = delivery.getCredentialsRef();
        if (ref != null && !ref.isBlank()) {
            credentials.apply(ref).ifPresent(userPassword -> b.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8))));
        }
        return b.build();
    }

    /** 408, 429 and 5xx are worth another try; other non-2xx statuses are not. */
    static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }
}
