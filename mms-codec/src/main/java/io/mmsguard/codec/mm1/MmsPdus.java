package io.mmsguard.codec.mm1;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The PDUs the gateway and the notifier build themselves, with the header sets of PROTOCOLS.md §1.11. */
public final class MmsPdus {
    /** X-Mms-MMS-Version octets */
    public static final int MMS_1_0 = 0x90;
    public static final int MMS_1_2 = 0x92;
    public static final int MMS_1_3 = 0x93;

    private MmsPdus() {
    }

    /**
     * m-send.conf: echo the request's transaction id and answer with its version or lower.
     *
     * @param responseText null for none
     * @param messageId    null for none (present when the MM was accepted)
     */
    public static MmsPdu sendConf(String transactionId, int version, int responseStatus, EncodedString responseText,
                                  String messageId) {
        MmsPdu.Builder b = MmsPdu.builder(MessageType.SEND_CONF)
                .set(HeaderField.TRANSACTION_ID, transactionId)
                .set(HeaderField.MMS_VERSION, version)
                .set(HeaderField.RESPONSE_STATUS, responseStatus);
        if (responseText != null) {
            b.set(HeaderField.RESPONSE_TEXT, responseText);
        }
        if (messageId != null) {
            b.set(HeaderField.MESSAGE_ID, messageId);
        }
        return b.build();
    }

    public static MmsPdu sendConf(String transactionId, int version, int responseStatus, String responseText, String messageId) {
        return sendConf(transactionId, version, responseStatus, responseText == null ? null : EncodedString.of(responseText), messageId);
    }

    /**
     * m-retrieve.conf that replaces a blocked message: a Retrieve-Status, a Retrieve-Text and a single-part
     * text/plain; charset=utf-8 body (PROTOCOLS.md §1.12).
     *
     * @param transactionId null when the original had none
     */
    public static MmsPdu retrieveConfReplacement(String transactionId, int version, long date, int retrieveStatus,
                                                 String retrieveText, String bodyText) {
        MmsPdu.Builder b = MmsPdu.builder(MessageType.RETRIEVE_CONF);
        if (transactionId != null) {
            b.set(HeaderField.TRANSACTION_ID, transactionId);
        }
        b.set(HeaderField.MMS_VERSION, version).set(HeaderField.DATE, date)
                .set(HeaderField.RETRIEVE_STATUS, retrieveStatus)
                .set(HeaderField.RETRIEVE_TEXT, EncodedString.of(retrieveText));
        return b.singleBody(ContentType.of(ContentType.TEXT_PLAIN).with("charset", "utf-8"),
                bodyText.getBytes(StandardCharsets.UTF_8)).build();
    }

    /**
     * m-notification.ind, headers in mmsd's order: From, Subject, Message-Class, Message-Size, Expiry,
     * Content-Location.
     *
     * @param from         null to hide the sender
     * @param subject      null for none
     * @param messageClass octet, e.g. 0x80 personal
     */
    public static MmsPdu notificationInd(String transactionId, int version, FromAddress from, String subject,
                                         int messageClass, long messageSize, MmsTime expiry, String contentLocation) {
        MmsPdu.Builder b = MmsPdu.builder(MessageType.NOTIFICATION_IND)
                .set(HeaderField.TRANSACTION_ID, transactionId)
                .set(HeaderField.MMS_VERSION, version);
        if (from != null) {
            b.set(HeaderField.FROM, from);
        }
        if (subject != null) {
            b.set(HeaderField.SUBJECT, EncodedString.of(subject));
        }
        return b.set(HeaderField.MESSAGE_CLASS, messageClass)
                .set(HeaderField.MESSAGE_SIZE, messageSize)
                .set(HeaderField.EXPIRY, expiry)
                .set(HeaderField.CONTENT_LOCATION, contentLocation)
                .build();
    }

    /**
     * m-send.req for the notifier: From (an address, or {@link FromAddress#insertAddress()}), one To per
     * recipient, an optional subject, and a multipart body.
     *
     * @param bodyType e.g. multipart.related with type/start, or multipart.mixed
     */
    public static MmsPdu sendReq(String transactionId, int version, FromAddress from, List<String> to, String subject,
                                 ContentType bodyType, List<MmsPart> parts) {
        if (to.isEmpty()) {
            throw new IllegalArgumentException("m-send.req needs at least one recipient");
        }
        MmsPdu.Builder b = MmsPdu.builder(MessageType.SEND_REQ)
                .set(HeaderField.TRANSACTION_ID, transactionId)
                .set(HeaderField.MMS_VERSION, version)
                .set(HeaderField.FROM, from);
        for (String t : to) {
            b.add(HeaderField.TO, EncodedString.of(t));
        }
        if (subject != null) {
            b.set(HeaderField.SUBJECT, EncodedString.of(subject));
        }
        return b.multipart(bodyType, parts).build();
    }
}
