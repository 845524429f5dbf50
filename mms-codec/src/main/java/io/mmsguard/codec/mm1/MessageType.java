package io.mmsguard.codec.mm1;

/** X-Mms-Message-Type values (PROTOCOLS.md §1.3). */
public enum MessageType {
    SEND_REQ(0x80, "m-send-req"),
    SEND_CONF(0x81, "m-send-conf"),
    NOTIFICATION_IND(0x82, "m-notification-ind"),
    NOTIFYRESP_IND(0x83, "m-notifyresp-ind"),
    RETRIEVE_CONF(0x84, "m-retrieve-conf"),
    ACKNOWLEDGE_IND(0x85, "m-acknowledge-ind"),
    DELIVERY_IND(0x86, "m-delivery-ind"),
    READ_REC_IND(0x87, "m-read-rec-ind"),
    READ_ORIG_IND(0x88, "m-read-orig-ind"),
    FORWARD_REQ(0x89, "m-forward-req"),
    FORWARD_CONF(0x8A, "m-forward-conf"),
    MBOX_STORE_REQ(0x8B, "m-mbox-store-req"),
    MBOX_STORE_CONF(0x8C, "m-mbox-store-conf"),
    MBOX_VIEW_REQ(0x8D, "m-mbox-view-req"),
    MBOX_VIEW_CONF(0x8E, "m-mbox-view-conf"),
    MBOX_UPLOAD_REQ(0x8F, "m-mbox-upload-req"),
    MBOX_UPLOAD_CONF(0x90, "m-mbox-upload-conf"),
    MBOX_DELETE_REQ(0x91, "m-mbox-delete-req"),
    MBOX_DELETE_CONF(0x92, "m-mbox-delete-conf"),
    MBOX_DESCR(0x93, "m-mbox-descr"),
    DELETE_REQ(0x94, "m-delete-req"),
    DELETE_CONF(0x95, "m-delete-conf"),
    CANCEL_REQ(0x96, "m-cancel-req"),
    CANCEL_CONF(0x97, "m-cancel-conf");

    private final int code;
    private final String token;

    MessageType(int code, String token) {
        this.code = code;
        this.token = token;
    }

    public int code() {
        return code;
    }

    /** OMA text token, e.g. {@code m-send-req}, for logs and MM4/MM7 mapping. */
    public String token() {
        return token;
    }

    /** The type for an octet, or null when the octet is not an assigned message type. */
    public static MessageType byCode(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
