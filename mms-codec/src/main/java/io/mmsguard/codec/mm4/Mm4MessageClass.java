package io.mmsguard.codec.mm4;

/** X-Mms-Message-Class values. */
public enum Mm4MessageClass implements Mm4Token {
    PERSONAL("Personal"),
    ADVERTISEMENT("Advertisement"),
    INFORMATIONAL("Informational"),
    AUTO("Auto");

    private final String token;

    Mm4MessageClass(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }
}
