package io.mmsguard.gateway.http;

import java.io.IOException;

/**
 * The upstream leg failed. Whether the upstream may hold the request decides the answer to the client: a request
 * that was not fully written was not delivered (answer a temporary failure, the client retries); one that was written
 * and got no answer may have been accepted (answer so that the client does not retry, or it is delivered twice).
 */
public final class UpstreamFailure extends IOException {

    /** How far the request got. */
    public enum Stage {
        /** Not connected, or the request was not completely written: the upstream does not have it. */
        NOT_SENT,
        /** Completely written, then no (complete) answer: the upstream may have accepted it. */
        NO_ANSWER
    }

    private final Stage stage;

    public UpstreamFailure(Stage stage, String message, Throwable cause) {
        super(stage + ": " + message, cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
