package io.mmsguard.codec.mm1;

/** MMS 1.0-1.3 header fields (PROTOCOLS.md §1.4) with the grammar of each value. */
public enum HeaderField {
    BCC(0x81, "Bcc", Kind.ENCODED_STRING),
    CC(0x82, "Cc", Kind.ENCODED_STRING),
    CONTENT_LOCATION(0x83, "X-Mms-Content-Location", Kind.TEXT),
    CONTENT_TYPE(0x84, "Content-Type", Kind.CONTENT_TYPE),
    DATE(0x85, "Date", Kind.LONG),
    DELIVERY_REPORT(0x86, "X-Mms-Delivery-Report", Kind.OCTET),
    DELIVERY_TIME(0x87, "X-Mms-Delivery-Time", Kind.TIME),
    EXPIRY(0x88, "X-Mms-Expiry", Kind.TIME),
    FROM(0x89, "From", Kind.FROM),
    MESSAGE_CLASS(0x8A, "X-Mms-Message-Class", Kind.OCTET_OR_TOKEN),
    MESSAGE_ID(0x8B, "Message-ID", Kind.TEXT),
    MESSAGE_TYPE(0x8C, "X-Mms-Message-Type", Kind.OCTET),
    MMS_VERSION(0x8D, "X-Mms-MMS-Version", Kind.OCTET),
    MESSAGE_SIZE(0x8E, "X-Mms-Message-Size", Kind.LONG),
    PRIORITY(0x8F, "X-Mms-Priority", Kind.OCTET),
    READ_REPORT(0x90, "X-Mms-Read-Report", Kind.OCTET),
    REPORT_ALLOWED(0x91, "X-Mms-Report-Allowed", Kind.OCTET),
    RESPONSE_STATUS(0x92, "X-Mms-Response-Status", Kind.OCTET),
    RESPONSE_TEXT(0x93, "X-Mms-Response-Text", Kind.ENCODED_STRING),
    SENDER_VISIBILITY(0x94, "X-Mms-Sender-Visibility", Kind.OCTET),
    STATUS(0x95, "X-Mms-Status", Kind.OCTET),
    SUBJECT(0x96, "Subject", Kind.ENCODED_STRING),
    TO(0x97, "To", Kind.ENCODED_STRING),
    TRANSACTION_ID(0x98, "X-Mms-Transaction-Id", Kind.TEXT),
    RETRIEVE_STATUS(0x99, "X-Mms-Retrieve-Status", Kind.OCTET),
    RETRIEVE_TEXT(0x9A, "X-Mms-Retrieve-Text", Kind.ENCODED_STRING),
    READ_STATUS(0x9B, "X-Mms-Read-Status", Kind.OCTET),
    REPLY_CHARGING(0x9C, "X-Mms-Reply-Charging", Kind.OCTET),
    REPLY_CHARGING_DEADLINE(0x9D, "X-Mms-Reply-Charging-Deadline", Kind.TIME),
    REPLY_CHARGING_ID(0x9E, "X-Mms-Reply-Charging-ID", Kind.TEXT),
    REPLY_CHARGING_SIZE(0x9F, "X-Mms-Reply-Charging-Size", Kind.LONG),
    PREVIOUSLY_SENT_BY(0xA0, "X-Mms-Previously-Sent-By", Kind.COUNTED_STRING),
    PREVIOUSLY_SENT_DATE(0xA1, "X-Mms-Previously-Sent-Date", Kind.COUNTED_DATE),
    STORE(0xA2, "X-Mms-Store", Kind.OCTET),
    MM_STATE(0xA3, "X-Mms-MM-State", Kind.OCTET),
    MM_FLAGS(0xA4, "X-Mms-MM-Flags", Kind.TOKEN_STRING),
    STORE_STATUS(0xA5, "X-Mms-Store-Status", Kind.OCTET),
    STORE_STATUS_TEXT(0xA6, "X-Mms-Store-Status-Text", Kind.ENCODED_STRING),
    STORED(0xA7, "X-Mms-Stored", Kind.OCTET),
    ATTRIBUTES(0xA8, "X-Mms-Attributes", Kind.OCTET),
    TOTALS(0xA9, "X-Mms-Totals", Kind.OCTET),
    MBOX_TOTALS(0xAA, "X-Mms-Mbox-Totals", Kind.TOKEN_INTEGER),
    QUOTAS(0xAB, "X-Mms-Quotas", Kind.OCTET),
    MBOX_QUOTAS(0xAC, "X-Mms-Mbox-Quotas", Kind.TOKEN_INTEGER),
    MESSAGE_COUNT(0xAD, "X-Mms-Message-Count", Kind.INTEGER),
    CONTENT(0xAE, "Content", Kind.RAW),
    START(0xAF, "X-Mms-Start", Kind.INTEGER),
    ADDITIONAL_HEADERS(0xB0, "Additional-headers", Kind.RAW),
    DISTRIBUTION_INDICATOR(0xB1, "X-Mms-Distribution-Indicator", Kind.OCTET),
    ELEMENT_DESCRIPTOR(0xB2, "X-Mms-Element-Descriptor", Kind.RAW),
    LIMIT(0xB3, "X-Mms-Limit", Kind.INTEGER),
    RECOMMENDED_RETRIEVAL_MODE(0xB4, "X-Mms-Recommended-Retrieval-Mode", Kind.OCTET),
    RECOMMENDED_RETRIEVAL_MODE_TEXT(0xB5, "X-Mms-Recommended-Retrieval-Mode-Text", Kind.ENCODED_STRING),
    STATUS_TEXT(0xB6, "X-Mms-Status-Text", Kind.ENCODED_STRING),
    APPLIC_ID(0xB7, "X-Mms-Applic-ID", Kind.TEXT),
    REPLY_APPLIC_ID(0xB8, "X-Mms-Reply-Applic-ID", Kind.TEXT),
    AUX_APPLIC_INFO(0xB9, "X-Mms-Aux-Applic-Info", Kind.TEXT),
    CONTENT_CLASS(0xBA, "X-Mms-Content-Class", Kind.OCTET),
    DRM_CONTENT(0xBB, "X-Mms-DRM-Content", Kind.OCTET),
    ADAPTATION_ALLOWED(0xBC, "X-Mms-Adaptation-Allowed", Kind.OCTET),
    REPLACE_ID(0xBD, "X-Mms-Replace-ID", Kind.TEXT),
    CANCEL_ID(0xBE, "X-Mms-Cancel-ID", Kind.TEXT),
    CANCEL_STATUS(0xBF, "X-Mms-Cancel-Status", Kind.OCTET);

    /** Value grammars; {@link HeaderCodec} reads and writes each. */
    public enum Kind {
        /** one octet 0x80-0xFF, kept as an Integer */
        OCTET,
        /** one octet, or a Token-text (Message-Class) */
        OCTET_OR_TOKEN,
        LONG,
        INTEGER,
        TEXT,
        ENCODED_STRING,
        FROM,
        TIME,
        CONTENT_TYPE,
        COUNTED_STRING,
        COUNTED_DATE,
        TOKEN_STRING,
        TOKEN_INTEGER,
        /** structured MMBox values, passed through verbatim */
        RAW
    }

    private static final HeaderField[] BY_CODE = new HeaderField[256];

    static {
        for (HeaderField f : values()) {
            BY_CODE[f.code] = f;
        }
    }

    private final int code;
    private final String headerName;
    private final Kind kind;

    HeaderField(int code, String headerName, Kind kind) {
        this.code = code;
        this.headerName = headerName;
        this.kind = kind;
    }

    /** Wire code: the assigned number with the high bit set. */
    public int code() {
        return code;
    }

    public String headerName() {
        return headerName;
    }

    public Kind kind() {
        return kind;
    }

    /** The field for a wire code, or null. */
    public static HeaderField byCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
