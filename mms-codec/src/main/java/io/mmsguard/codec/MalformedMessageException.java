package io.mmsguard.codec;

/**
 * The one failure every decoder documents: the input is not a well-formed message of its protocol (or exceeds a
 * {@link DecodeLimits} limit, see {@link LimitExceededException}). Callers answer it with the protocol's "message
 * format corrupt" response; any other exception escaping a decoder is a bug.
 */
public class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public MalformedMessageException(String message) {
        this(message, -1);
    }

    /** @param offset byte offset in the input where decoding failed, or -1 when not meaningful */
    public MalformedMessageException(String message, long offset) {
        super(offset >= 0 ? message + " (at byte " + offset + ")" : message);
        this.offset = offset;
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
        this.offset = -1;
    }

    /** Byte offset where decoding failed, or -1. */
    public long offset() {
        return offset;
    }
}
