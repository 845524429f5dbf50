package io.mmsguard.gateway.answer;

/**
 * What a gateway does with a message of one type (MM1 message type, MM7 operation): every type that can carry
 * content is inspected or refused, and only types that carry none are relayed uninspected (counted as
 * {@code passed-through}). The per-interface tables are {@link Mm1MessageTypes} and {@link Mm7Operations}.
 */
public enum TypeHandling {
    /** Held, sent to inspection, and answered by its decision. */
    INSPECTED,
    /** Carries no content: goes to the upstream uninspected (refused after all when it does carry a body). */
    RELAYED,
    /** Never forwarded: unknown, sent on the wrong leg, or not allowed by the gateway. */
    REFUSED
}
