package io.mmsguard.codec.mm1;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an MM1 PDU (an HTTP body of type application/vnd.wap.mms-message) under {@link DecodeLimits}.
 *
 * <p>Rules (PROTOCOLS.md §1.2, §1.12): the first header must be X-Mms-Message-Type, everything else may come in
 * any order; Content-Type ends the headers and the rest is the body; unknown well-known headers and values that
 * do not fit their grammar are kept as {@link RawValue}; textual headers are kept by name; a missing
 * Transaction-ID is not an error; trailing octets are ignored with a warning. A message type octet that is not
 * an assigned type is decoded like any other PDU ({@link MmsPdu#messageType()} is then null and
 * {@link MmsPdu#messageTypeCode()} holds the octet). Any other failure is a {@link MalformedMessageException}
 * carrying the byte offset; no other exception escapes.
 */
public final class Mm1Decoder {
    private final DecodeLimits limits;

    public Mm1Decoder(DecodeLimits limits) {
        this.limits = limits;
    }

    public Mm1Decoder() {
        this(DecodeLimits.DEFAULT);
    }

    public MmsPdu decode(byte[] pdu) {
        try {
            return decodeChecked(pdu);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            // a bug, not bad input; still reported as the one documented failure so that callers answer "corrupt"
            throw new MalformedMessageException("internal decoder error: " + e, e);
        }
    }

    private MmsPdu decodeChecked(byte[] pdu) {
        DecodeLimits.check("maxMessageBytes", pdu.length, limits.maxMessageBytes());
        WspReader r = new WspReader(pdu);
        if (!r.hasMore() || r.peek() != HeaderField.MESSAGE_TYPE.code()) {
            throw new MalformedMessageException("the first header is not X-Mms-Message-Type", 0);
        }
        List<MmsHeader> headers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int recipients = 0;
        ContentType contentType = null;
        while (r.hasMore()) {
            int b = r.peek();
            if (b < 32 || b == WspReader.QUOTE) {
                warnings.add("ignored " + r.remaining() + " trailing octets after the headers (at byte " + r.pos() + ")");
                r.skip(r.remaining());
                break;
            }
            DecodeLimits.check("maxHeaders", headers.size() + 1, limits.maxHeaders());
            MmsHeader h;
            if (b >= 0x80) {
                h = HeaderCodec.decodeWellKnown(r.u8(), r, limits);
            } else {
                h = HeaderCodec.decodeTextual(r, limits);
            }
            headers.add(h);
            if (h.code() == HeaderField.TO.code() || h.code() == HeaderField.CC.code() || h.code() == HeaderField.BCC.code()) {
                DecodeLimits.check("maxRecipients", ++recipients, limits.maxRecipients());
            }
            if (h.code() == HeaderField.CONTENT_TYPE.code()) {
                contentType = (ContentType) h.value();
                break;
            }
        }
        if (!(headers.get(0).value() instanceof Integer type)) {
            throw new MalformedMessageException("X-Mms-Message-Type is not a one-octet value", 1);
        }
        List<MmsPart> multipart = null;
        byte[] single = null;
        if (contentType != null) {
            if (contentType.isMultipart()) {
                multipart = new MultipartCodec(limits, warnings).decode(r, 1);
            } else {
                single = r.bytes(r.remaining());
            }
        }
        return new MmsPdu(type, headers, multipart, single, warnings);
    }
}
