package io.mmsguard.inspection.av;

/** One signature line could not be used; the loader skips the line, logs the reason and counts it. */
public class SignatureSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public SignatureSyntaxException(String reason) {
        super(reason);
    }
}
