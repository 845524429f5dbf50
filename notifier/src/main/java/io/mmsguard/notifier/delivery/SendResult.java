package io.mmsguard.notifier.delivery;

import java.util.Objects;

/**
 * What one attempt to send one notice to one recipient gave.
 *
 * @param outcome DELIVERED (the MMSC accepted it), RETRYABLE (transient: try again later) or PERMANENT (do not retry)
 * @param detail  the MMSC's status or the error, for logs and the dead-letter record
 */
public record SendResult(Outcome outcome, String detail) {

    public enum Outcome { DELIVERED, RETRYABLE, PERMANENT }

    public SendResult {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    public static SendResult delivered(String detail) {
        return new SendResult(Outcome.DELIVERED, detail);
    }

    public static SendResult retryable(String detail) {
        return new SendResult(Outcome.RETRYABLE, detail);
    }

    public static SendResult permanent(String detail) {
        return new SendResult(Outcome.PERMANENT, detail);
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }
}
