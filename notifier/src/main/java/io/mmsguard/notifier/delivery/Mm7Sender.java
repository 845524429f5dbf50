package io.mmsguard.notifier.delivery;

import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * MM7: POSTs the SubmitReq / DeliverReq ({@link io.mmsguard.notifier.NoticeComposer#mm7}) to the delivery's {@code mmscUrl}, with HTTP
 * basic auth when the delivery's {@code credentialsRef} resolves to {@code user:password} (see {@link HttpNoticeSender}).
 * Delivered = a response (200, or a SOAP fault on 500) decoded with {@link Mm7Decoder} whose StatusCode is 1000.
 * Retryable: I/O errors, timeouts, HTTP 408/429/5xx without a decodable status, and server-side codes (3xxx, 4005,
 * 4006, i.e. faultcode Server). Permanent: every other status code and other HTTP statuses.
 */
public final class Mm7Sender extends HttpNoticeSender {

    public Mm7Sender(HttpClient http, Duration requestTimeout, Function<String, Optional<String>> credentials) {
        super(http, requestTimeout, credentials);
    }

    /** An HTTP client whose connect and request timeouts are {@code timeout}, credentials from {@code credentials}. */
    public static Mm7Sender create(Duration timeout, Function<String, Optional<String>> credentials) {
        return new Mm7Sender(HttpClient.newBuilder().connectTimeout(timeout).build(), timeout, credentials);
    }

    /** {@link #create(Duration, Function)} without credentials. */
    public static Mm7Sender create(Duration timeout) {
        return create(timeout, CredentialStore.none());
    }

    @Override
    SendResult result(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        Mm7StatusCode code = null;
        try {
            String ct = response.headers().firstValue("Content-Type").orElse("text/xml");
            Mm7Message m = new Mm7Decoder().decode(response.body(), ct);
            code = m.statusCode();
        } catch (RuntimeException e) {
            // no decodable status: judged by the HTTP status below
        }
        if (code == null) {
            String d = "HTTP " + status + " without an MM7 status";
            return HttpNoticeSender.retryableStatus(status) ? SendResult.retryable(d) : SendResult.permanent(d);
        }
        String d = "HTTP " + status + " StatusCode " + code.code() + " " + code.defaultText();
        if (code == Mm7StatusCode.SUCCESS && status == 200) {
            return SendResult.delivered(d);
        }
        return "Server".equals(code.faultCode()) ? SendResult.retryable(d) : SendResult.permanent(d);
    }
}
