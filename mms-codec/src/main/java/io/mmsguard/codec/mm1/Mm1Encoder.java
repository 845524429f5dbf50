package io.mmsguard.codec.mm1;

import java.util.List;

/**
 * Encodes an {@link MmsPdu}. Header order follows OMA-TS-MMS_ENC §7 whatever the model's order:
 * X-Mms-Message-Type, X-Mms-Transaction-ID (when present), X-Mms-MMS-Version, the other headers in model order,
 * Content-Type last, then the body. Values use their shortest forms (Short-integer, well-known codes).
 */
public final class Mm1Encoder {
    private Mm1Encoder() {
    }

    /** @throws IllegalArgumentException when the model holds a value that cannot be encoded (e.g. text with 0x00) */
    public static byte[] encode(MmsPdu pdu) {
        WspWriter w = new WspWriter();
        w.u8(HeaderField.MESSAGE_TYPE.code()).u8(pdu.messageTypeCode());
        List<MmsHeader> headers = pdu.headers();
        writeAll(w, headers, HeaderField.TRANSACTION_ID);
        writeAll(w, headers, HeaderField.MMS_VERSION);
        MmsHeader contentType = null;
        boolean typeWritten = false;
        for (MmsHeader h : headers) {
            int c = h.code();
            if (c == HeaderField.CONTENT_TYPE.code() && contentType == null) {
                contentType = h;
            } else if (c == HeaderField.MESSAGE_TYPE.code() && !typeWritten) {
                typeWritten = true; // written first, from messageTypeCode(); a repeated one stays where it was
            } else if (c != HeaderField.TRANSACTION_ID.code() && c != HeaderField.MMS_VERSION.code()) {
                HeaderCodec.encode(w, h);
            }
        }
        if (contentType != null) {
            HeaderCodec.encode(w, contentType);
            if (pdu.isMultipart()) {
                MultipartCodec.encode(w, pdu.multipart());
            } else if (pdu.singleBody() != null) {
                w.bytes(pdu.singleBody());
            }
        }
        return w.toByteArray();
    }

    private static void writeAll(WspWriter w, List<MmsHeader> headers, HeaderField field) {
        for (MmsHeader h : headers) {
            if (h.code() == field.code()) {
                HeaderCodec.encode(w, h);
            }
        }
    }
}
