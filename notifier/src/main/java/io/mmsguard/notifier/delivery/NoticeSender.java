package io.mmsguard.notifier.delivery;

import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.notifier.NoticeComposer;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one composed notice ({@link NoticeComposer#compose}) to one recipient over the delivery's method. The future
 * never completes exceptionally: I/O errors and timeouts are {@link SendResult.Outcome#RETRYABLE} results.
 */
public interface NoticeSender {

    CompletableFuture<SendResult> send(NoticeComposer.Outgoing outgoing, NotificationDelivery delivery);
}
