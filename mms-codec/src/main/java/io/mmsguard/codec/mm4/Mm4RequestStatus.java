package io.mmsguard.codec.mm4;

/** X-Mms-Request-Status-Code values (PROTOCOLS.md 3.4): the MMS 1.0 response-status names as text. */
public enum Mm4RequestStatus implements Mm4Token {
    OK("Ok"),
    ERROR_UNSPECIFIED("Error-unspecified"),
    ERROR_SERVICE_DENIED("Error-service-denied"),
    ERROR_MESSAGE_FORMAT_CORRUPT("Error-message-format-corrupt"),
    ERROR_SENDING_ADDRESS_UNRESOLVED("Error-sending-address-unresolved"),
    ERROR_MESSAGE_NOT_FOUND("Error-message-not-found"),
    ERROR_NETWORK_PROBLEM("Error-network-problem"),
    ERROR_CONTENT_NOT_ACCEPTED("Error-content-not-accepted"),
    ERROR_UNSUPPORTED_MESSAGE("Error-unsupported-message");

    private final String token;

    Mm4RequestStatus(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }
}
