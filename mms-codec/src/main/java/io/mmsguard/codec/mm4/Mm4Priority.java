package io.mmsguard.codec.mm4;

/** X-Mms-Priority values. */
public enum Mm4Priority implements Mm4Token {
    LOW("Low"),
    NORMAL("Normal"),
    HIGH("High");

    private final String token;

    Mm4Priority(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }
}
