package io.mmsguard.codec.mm1;

/** Status octets the gateway sends, and the OMA fallback classes for octets a receiver does not know (§1.7). */
public final class StatusCodes {
    public static final int OK = 0x80;
    public static final int ERROR_UNSUPPORTED_MESSAGE = 0x88;
    public static final int ERROR_TRANSIENT_FAILURE = 0xC0;
    public static final int ERROR_TRANSIENT_NETWORK_PROBLEM = 0xC3;
    public static final int ERROR_PERMANENT_FAILURE = 0xE0;
    public static final int ERROR_PERMANENT_SERVICE_DENIED = 0xE1;
    public static final int ERROR_PERMANENT_MESSAGE_FORMAT_CORRUPT = 0xE2;
    public static final int ERROR_PERMANENT_CONTENT_NOT_ACCEPTED = 0xE5;

    public static final int RETRIEVE_OK = 0x80;
    public static final int RETRIEVE_ERROR_PERMANENT_SERVICE_DENIED = 0xE1;
    public static final int RETRIEVE_ERROR_PERMANENT_CONTENT_UNSUPPORTED = 0xE3;

    public static final int STATUS_RETRIEVED = 0x81;
    public static final int STATUS_REJECTED = 0x82;
    public static final int STATUS_DEFERRED = 0x83;

    private StatusCodes() {
    }

    /** X-Mms-Response-Status as a receiver must understand it (OMA-TS-MMS_ENC-V1_3 §7.3.48). */
    public static int responseStatusClass(int octet) {
        if ((octet >= 0x80 && octet <= 0x88) || (octet >= 0xC0 && octet <= 0xC4) || (octet >= 0xE0 && octet <= 0xEB)) {
            return octet;
        }
        return octet >= 0xC5 && octet <= 0xDF ? ERROR_TRANSIENT_FAILURE : ERROR_PERMANENT_FAILURE;
    }

    /** X-Mms-Retrieve-Status as a receiver must understand it (§7.3.50). */
    public static int retrieveStatusClass(int octet) {
        if (octet == 0x80 || (octet >= 0xC0 && octet <= 0xC2) || (octet >= 0xE0 && octet <= 0xE3)) {
            return octet;
        }
        return octet >= 0xC3 && octet <= 0xDF ? ERROR_TRANSIENT_FAILURE : ERROR_PERMANENT_FAILURE;
    }
}
