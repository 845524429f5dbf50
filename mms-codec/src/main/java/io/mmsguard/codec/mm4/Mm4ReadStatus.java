package io.mmsguard.codec.mm4;

/** X-Mms-Read-Status values of MM4_read_reply_report.REQ. */
public enum Mm4ReadStatus implements Mm4Token {
    READ("Read"),
    DELETED_WITHOUT_BEING_READ("Deleted without being read");

    private final String token;

    Mm4ReadStatus(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }
}
