package io.mmsguard.codec;

/** The input exceeds one of the configured {@link DecodeLimits}; it is rejected before it can exhaust memory. */
public final class LimitExceededException extends MalformedMessageException {
    private static final long serialVersionUID = 1L;
    private final String limit;

    /**
     * @param limit the name of the limit, as in {@link DecodeLimits} (e.g. "maxParts")
     * @param value the value that exceeded it
     * @param max   the configured maximum
     */
    public LimitExceededException(String limit, long value, long max) {
        super(limit + " exceeded: " + value + " > " + max);
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }
}
