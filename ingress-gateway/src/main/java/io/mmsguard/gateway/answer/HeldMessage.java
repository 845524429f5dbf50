package io.mmsguard.gateway.answer;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.mmsguard.avro.Decision;

/**
 * A message held for its decision, as one protocol forwards, strips and blocks it: the per-protocol part of
 * {@link SessionAnswers#answer}. The methods run where the protocol writes its answers (for HTTP the connection's
 * event loop); a forward completes with the upstream's answer or fails with an
 * {@link io.mmsguard.gateway.http.UpstreamFailure}.
 */
public interface HeldMessage<U, A> extends UpstreamAnswers<U, A> {

    /** Whether the client is still connected to take an answer. */
    boolean clientPresent();

    /** Sends the message upstream as received. */
    CompletableFuture<U> forward();

    /** Sends the message without the decision's parts; empty when this message cannot be stripped faithfully. */
    Optional<CompletableFuture<U>> strip(Decision decision);

    /** The protocol's block answer for the decision; nothing is forwarded. */
    A blocked(Decision decision);

    /**
     * For the decision line: the code the client is answered with (the SMTP reply code, the HTTP status and the
     * protocol's status in the body).
     */
    String code(A answer);
}
