package io.mmsguard.inspection.scan;

/** A scanner could not reach a verdict (not: "found something"). The caller decides between fail-open and fail-closed. */
public class ScanFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScanFailedException(String message) {
        super(message);
    }

    public ScanFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
