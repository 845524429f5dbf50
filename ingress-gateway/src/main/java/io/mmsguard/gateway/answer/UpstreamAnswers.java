package io.mmsguard.gateway.answer;

/**
 * How one protocol answers its client once the upstream leg of a forward has ended: the per-protocol part of
 * {@link SessionAnswers#forward}.
 *
 * @param <U> what the upstream answers (an HTTP response, an SMTP reply)
 * @param <A> what the client is answered with
 */
public interface UpstreamAnswers<U, A> {

    /** For the log: the protocol's transaction id (MM1 Transaction-ID, MM7 TransactionID, SMTP Message-ID...). */
    String transactionId();

    /** The upstream's answer, relayed to the client. */
    A relay(U upstreamAnswer);

    /** Whether the upstream's answer refuses the message for now (counted as an upstream error, still relayed). */
    default boolean refused(U upstreamAnswer) {
        return false;
    }

    /** The protocol's temporary failure: the client keeps the message and retries. */
    A temporaryFailure();

    /**
     * The upstream had the whole message and did not answer: it may have accepted it, so the answer must keep the
     * client from retrying (a retry could deliver the message twice).
     */
    A notConfirmed();
}
