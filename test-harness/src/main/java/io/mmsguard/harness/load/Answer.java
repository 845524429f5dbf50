package io.mmsguard.harness.load;

import java.time.Duration;
import java.time.Instant;

/**
 * How one message was answered.
 *
 * @param message the message as planned
 * @param sha256  hex SHA-256 of the bytes sent (HTTP body or SMTP DATA), comparable with the stub's digests
 * @param kind    what the answer means
 * @param detail  the answer in protocol terms, e.g. {@code m-send.conf 0x87}, {@code SMTP 451 4.3.0}
 * @param sentAt  when the request was handed to the client
 * @param latency from then until the answer (or the give-up)
 * @param gateway the listeners it was sent to
 */
public record Answer(Message message, String sha256, AnswerKind kind, String detail, Instant sentAt,
                     Duration latency, Endpoints gateway) {

    /** When the client had its answer (or gave up). */
    public Instant answeredAt() {
        return sentAt.plus(latency);
    }

    public String transactionId() {
        return message.transactionId();
    }
}
