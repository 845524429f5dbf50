package io.mmsguard.codec.mm4;

/** X-Mms-Sender-Visibility values. */
public enum Mm4SenderVisibility implements Mm4Token {
    SHOW("Show"),
    HIDE("Hide");

    private final String token;

    Mm4SenderVisibility(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }
}
