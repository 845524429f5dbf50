package io.mmsguard.codec.mm4;

/**
 * One problem with an MM4 header, precise enough to log and to answer: the gateway replies to a request with
 * violations using {@link #status()} (Error-message-format-corrupt, or Error-unsupported-message for an unknown
 * type or version).
 *
 * @param header the header field at fault
 * @param problem what is wrong, for logs and X-Mms-Status-Text
 * @param status the request status to answer with
 */
public record Mm4Violation(String header, String problem, Mm4RequestStatus status) {

    static Mm4Violation corrupt(String header, String problem) {
        return new Mm4Violation(header, problem, Mm4RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
    }

    @Override
    public String toString() {
        return header + ": " + problem;
    }
}
