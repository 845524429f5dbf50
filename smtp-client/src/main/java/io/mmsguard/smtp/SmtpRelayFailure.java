package io.mmsguard.smtp;

import java.io.IOException;

/**
 * The delivery to the upstream failed without a reply to the end of DATA. Whether the upstream may hold the message
 * decides what the client that sent it is told: a message whose final "." was not written was not delivered (a
 * temporary failure, the client retries); one that was written and got no reply may have been accepted (a retry
 * could deliver it twice).
 */
public final class SmtpRelayFailure extends IOException {

    /** How far the message got. */
    public enum Stage {
        /** Not connected, refused before DATA, or the data not completely written: the upstream does not have it. */
        NOT_SENT,
        /** The final "." was written, then no (readable) reply: the upstream may have accepted it. */
        NO_ANSWER
    }

    private final Stage stage;
    private final SmtpReply reply;

    /** @param reply the {@code 451} reply that stands for this failure where one is wanted instead */
    public SmtpRelayFailure(Stage stage, SmtpReply reply, String message, Throwable cause) {
        super(stage + ": " + message, cause);
        this.stage = stage;
        this.reply = reply;
    }

    public Stage stage() {
        return stage;
    }

    /** What {@link SmtpRelay#send} answers instead of failing. */
    public SmtpReply reply() {
        return reply;
    }
}
