package io.mmsguard.codec.mm7;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** MM7 Status/StatusCode values of PROTOCOLS.md 4.5, with their standard StatusText. */
public enum Mm7StatusCode {
    SUCCESS(1000, "Success"),
    PARTIAL_SUCCESS(1100, "Partial success"),
    CLIENT_ERROR(2000, "Client error"),
    OPERATION_RESTRICTED(2001, "Operation restricted"),
    ADDRESS_ERROR(2002, "Address Error"),
    ADDRESS_NOT_FOUND(2003, "Address Not Found"),
    MULTIMEDIA_CONTENT_REFUSED(2004, "Multimedia content refused"),
    MESSAGE_ID_NOT_FOUND(2005, "Message ID Not found"),
    LINKED_ID_NOT_FOUND(2006, "LinkedID not found"),
    MESSAGE_FORMAT_CORRUPT(2007, "Message format corrupt"),
    APPLICATION_ID_NOT_FOUND(2008, "Application ID not found"),
    REPLY_APPLICATION_ID_NOT_FOUND(2009, "Reply Application ID not found"),
    SERVER_ERROR(3000, "Server Error"),
    NOT_POSSIBLE(3001, "Not Possible"),
    MESSAGE_REJECTED(3002, "Message rejected"),
    MULTIPLE_ADDRESSES_NOT_SUPPORTED(3003, "Multiple addresses not supported"),
    APPLICATION_ADDRESSING_NOT_SUPPORTED(3004, "Application Addressing not supported"),
    GENERAL_SERVICE_ERROR(4000, "General service error"),
    IMPROPER_IDENTIFICATION(4001, "Improper identification"),
    UNSUPPORTED_VERSION(4002, "Unsupported version"),
    UNSUPPORTED_OPERATION(4003, "Unsupported operation"),
    VALIDATION_ERROR(4004, "Validation error"),
    SERVICE_ERROR(4005, "Service error"),
    SERVICE_UNAVAILABLE(4006, "Service unavailable"),
    SERVICE_DENIED(4007, "Service denied"),
    APPLICATION_DENIED(4008, "Application denied");

    /** The class given by a code's thousands digit. */
    public enum StatusClass { SUCCESS, CLIENT_ERROR, SERVER_ERROR, SERVICE_ERROR }

    private static final Map<Integer, Mm7StatusCode> BY_CODE = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(Mm7StatusCode::code, Function.identity()));

    private final int code;
    private final String defaultText;

    Mm7StatusCode(int code, String defaultText) {
        this.code = code;
        this.defaultText = defaultText;
    }

    public int code() {
        return code;
    }

    public String defaultText() {
        return defaultText;
    }

    public StatusClass statusClass() {
        return switch (code / 1000) {
            case 1 -> StatusClass.SUCCESS;
            case 2 -> StatusClass.CLIENT_ERROR;
            case 3 -> StatusClass.SERVER_ERROR;
            default -> StatusClass.SERVICE_ERROR;
        };
    }

    public boolean isSuccess() {
        return statusClass() == StatusClass.SUCCESS;
    }

    /**
     * SOAP faultcode local part for a fault carrying this code: the server is at fault for 3xxx and for 4005/4006
     * (PROTOCOLS.md 4.6), the client otherwise.
     */
    public String faultCode() {
        return statusClass() == StatusClass.SERVER_ERROR || this == SERVICE_ERROR || this == SERVICE_UNAVAILABLE
                ? "Server" : "Client";
    }

    /**
     * The known code, or the x000 of its class for an unknown one (TS 23.140; this also maps the non-standard 3005
     * and 3006, and vendor codes such as 2500-2569). Codes outside 1000-4999 map to 4000, since nothing better is known.
     */
    public static Mm7StatusCode of(int code) {
        Mm7StatusCode known = BY_CODE.get(code);
        if (known != null) {
            return known;
        }
        return switch (code / 1000) {
            case 1 -> SUCCESS;
            case 2 -> CLIENT_ERROR;
            case 3 -> SERVER_ERROR;
            default -> GENERAL_SERVICE_ERROR;
        };
    }
}
