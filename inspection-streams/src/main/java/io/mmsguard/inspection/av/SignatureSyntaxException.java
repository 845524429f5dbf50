package io.mmsguard.inspection.av;

/**
 * One signature line could not be used; the loader skips the line, logs the reason and counts it under
 * {@link #reason()} in {@link LoadStatistics#skippedByReason()}.
 */
public class SignatureSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The reason of a line that is not well-formed, as opposed to one using a construct we do not evaluate. */
    public static final String MALFORMED = "malformed";

    private final String reason;

    /** A malformed line. */
    public SignatureSyntaxException(String message) {
        this(MALFORMED, message);
    }

    /**
     * @param reason the category the line is counted under: short and without line-specific detail (e.g.
     *               "target type 3 (HTML)"), so that a database's skips add up to a few meaningful figures
     */
    public SignatureSyntaxException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A well-formed line using a construct the built-in engine does not evaluate. */
    static SignatureSyntaxException unsupported(String reason, String message) {
        return new SignatureSyntaxException("unsupported: " + reason, message);
    }

    public String reason() {
        return reason;
    }
}
