package io.mmsguard.codec.mm1;

import io.mmsguard.codec.MalformedMessageException;

/**
 * Unwraps a connectionless WSP Push PDU (TID, type 0x06, uintvar headers length, content type and headers, then
 * the MMS PDU), the form in which m-notification.ind, m-delivery.ind and m-read-orig.ind reach a handset.
 */
public final class WspPush {
    private static final int PUSH = 0x06;

    private WspPush() {
    }

    /** The MMS PDU carried by the push; fails unless the push content type is application/vnd.wap.mms-message. */
    public static byte[] unwrap(byte[] push) {
        try {
            WspReader r = new WspReader(push);
            r.u8(); // transaction id
            int type = r.u8();
            if (type != PUSH) {
                throw new MalformedMessageException("not a WSP Push PDU: type 0x" + Integer.toHexString(type), 1);
            }
            WspReader headers = r.sub(r.uintvarLength());
            ContentType ct = ContentTypeCodec.decode(headers);
            if (!ct.mediaType().equals(WellKnown.contentType(WellKnown.MMS_MESSAGE))) {
                throw new MalformedMessageException("push content type is " + ct.mediaType(), 3);
            }
            return r.bytes(r.remaining());
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedMessageException("internal error unwrapping a WSP push: " + e, e);
        }
    }
}
