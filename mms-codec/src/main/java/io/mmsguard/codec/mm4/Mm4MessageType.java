package io.mmsguard.codec.mm4;

import java.util.Optional;

/** Values of X-Mms-Message-Type (PROTOCOLS.md 3.2). */
public enum Mm4MessageType implements Mm4Token {
    FORWARD_REQ("MM4_forward.REQ"),
    FORWARD_RES("MM4_forward.RES"),
    DELIVERY_REPORT_REQ("MM4_delivery_report.REQ"),
    DELIVERY_REPORT_RES("MM4_delivery_report.RES"),
    READ_REPLY_REPORT_REQ("MM4_read_reply_report.REQ"),
    READ_REPLY_REPORT_RES("MM4_read_reply_report.RES");

    private final String token;

    Mm4MessageType(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }

    public boolean isRequest() {
        return this == FORWARD_REQ || this == DELIVERY_REPORT_REQ || this == READ_REPLY_REPORT_REQ;
    }

    /** The .RES answering this .REQ; empty for a .RES. */
    public Optional<Mm4MessageType> response() {
        return switch (this) {
            case FORWARD_REQ -> Optional.of(FORWARD_RES);
            case DELIVERY_REPORT_REQ -> Optional.of(DELIVERY_REPORT_RES);
            case READ_REPLY_REPORT_REQ -> Optional.of(READ_REPLY_REPORT_RES);
            default -> Optional.empty();
        };
    }

    public static Optional<Mm4MessageType> parse(String headerValue) {
        return Mm4Token.parse(Mm4MessageType.class, headerValue);
    }
}
