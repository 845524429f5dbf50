package io.mmsguard.notifier.delivery;

import io.mmsguard.avro.NotificationDelivery;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP POST shared by {@link Mm1Sender} and {@link Mm7Sender}.
 * <p>
 * Credentials: the delivery's {@code credentialsRef} is resolved by a {@code Function<String, Optional<String>>}
 * to {@code user:password} and sent as HTTP basic auth. {@link #LITERAL_CREDENTIALS} (the default) takes the
 * reference itself as {@code user:password} when it contains a colon; a deployment with a secret store passes its
 * own resolver so that the profile only names the secret.
 */
final class HttpPost {

    /** Takes {@code credentialsRef} itself as {@code user:password}; a reference without a colon gives no auth. */
    static final Function<String, Optional<String>> LITERAL_CREDENTIALS =
            ref -> ref != null && ref.contains(":") ? Optional.of(ref) : Optional.empty();

    private HttpPost() {
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
