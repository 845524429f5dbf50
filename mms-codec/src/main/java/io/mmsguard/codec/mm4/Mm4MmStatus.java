package io.mmsguard.codec.mm4;

/** X-Mms-MM-Status-Code values of MM4_delivery_report.REQ (Unreachable from later releases). */
public enum Mm4MmStatus implements Mm4Token {
    EXPIRED("Expired"),
    RETRIEVED("Retrieved"),
    REJECTED("Rejected"),
    DEFERRED("Deferred"),
    UNRECOGNISED("Unrecognised"),
    INDETERMINATE("Indeterminate"),
    FORWARDED("Forwarded"),
    UNREACHABLE("Unreachable");

    private final String token;

    Mm4MmStatus(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }
}
