package io.mmsguard.notifier.delivery;

import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.StatusCodes;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * MM1: POSTs the m-send.req bytes to the delivery's {@code mmscUrl} with Content-Type
 * {@code application/vnd.wap.mms-message}. Delivered = HTTP 200 with an m-send.conf whose X-Mms-Response-Status is
 * Ok (0x80). Retryable: I/O errors, timeouts, HTTP 408/429/5xx, an undecodable answer, and transient statuses
 * (0xC0-0xDF). Permanent: other HTTP statuses and every other Response-Status (0x81-0x88, 0xE0-0xFF).
 */
public final class Mm1Sender extends HttpNoticeSender {

    public Mm1Sender(HttpClient http, Duration requestTimeout, Function<String, Optional<String>> credentials) {
        super(http, requestTimeout, credentials);
    }

    /** An HTTP client whose connect and request timeouts are {@code timeout}, credentials from {@code credentials}. */
    public static Mm1Sender create(Duration timeout, Function<String, Optional<String>> credentials) {
        return new Mm1Sender(HttpClient.newBuilder().connectTimeout(timeout).build(), timeout, credentials);
    }

    /** {@link #create(Duration, Function)} without credentials. */
    public static Mm1Sender create(Duration timeout) {
        return create(timeout, CredentialStore.none());
    }

    @Override
    SendResult result(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status != 200) {
            String d = "HTTP " + status;
            return HttpNoticeSender.retryableStatus(status) ? SendResult.retryable(d) : SendResult.permanent(d);
        }
        MmsPdu conf;
        try {
            conf = new Mm1Decoder().decode(response.body());
        } catch (RuntimeException e) {
            return SendResult.retryable("undecodable m-send.conf: " + e.getMessage());
        }
        Integer rs = conf.responseStatus();
        if (conf.messageType() != MessageType.SEND_CONF || rs == null) {
            return SendResult.retryable("not an m-send.conf with a Response-Status: " + conf.messageType());
        }
        int cls = StatusCodes.responseStatusClass(rs);
        String d = String.format("Response-Status 0x%02X%s", rs,
                conf.responseText() == null ? "" : " " + conf.responseText());
        if (cls == StatusCodes.OK) {
            return SendResult.delivered(d + (conf.messageId() == null ? "" : " Message-ID " + conf.messageId()));
        }
        return cls >= 0xC0 && cls <= 0xDF ? SendResult.retryable(d) : SendResult.permanent(d);
    }
}
