package io.mmsguard.codec.mm4;

/** MM4 header field names (3GPP TS 23.140 §8.4, PROTOCOLS.md 3.3); matched case-insensitively. */
public final class Mm4Headers {
    public static final String VERSION = "X-Mms-3GPP-MMS-Version";
    public static final String MESSAGE_TYPE = "X-Mms-Message-Type";
    public static final String TRANSACTION_ID = "X-Mms-Transaction-ID";
    public static final String MESSAGE_ID = "X-Mms-Message-ID";
    public static final String ORIGINATOR_SYSTEM = "X-Mms-Originator-System";
    public static final String ACK_REQUEST = "X-Mms-Ack-Request";
    public static final String ORIGINATOR_RS_DELIVERY_REPORT = "X-Mms-Originator-R/S-Delivery-Report";
    public static final String REQUEST_STATUS_CODE = "X-Mms-Request-Status-Code";
    public static final String STATUS_TEXT = "X-Mms-Status-Text";
    public static final String EXPIRY = "X-Mms-Expiry";
    public static final String MESSAGE_CLASS = "X-Mms-Message-Class";
    public static final String DELIVERY_REPORT = "X-Mms-Delivery-Report";
    public static final String READ_REPLY = "X-Mms-Read-Reply";
    public static final String PRIORITY = "X-Mms-Priority";
    public static final String SENDER_VISIBILITY = "X-Mms-Sender-Visibility";
    public static final String FORWARD_COUNTER = "X-Mms-Forward-Counter";
    public static final String PREVIOUSLY_SENT_BY = "X-Mms-Previously-sent-by";
    public static final String PREVIOUSLY_SENT_DATE_AND_TIME = "X-Mms-Previously-sent-date-and-time";
    public static final String MM_STATUS_CODE = "X-Mms-MM-Status-Code";
    /** Non-standard name some MMSCs use for X-Mms-MM-Status-Code (PROTOCOLS.md 3.6 interop notes). */
    public static final String STATUS_ALIAS = "X-Mms-Status";
    public static final String MM_STATUS_TEXT = "X-Mms-MM-Status-Text";
    public static final String READ_STATUS = "X-Mms-Read-Status";
    public static final String READ_STATUS_TEXT = "X-Mms-Read-Status-Text";

    private Mm4Headers() {
    }
}
