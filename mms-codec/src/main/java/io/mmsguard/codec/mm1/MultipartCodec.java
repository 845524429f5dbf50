package io.mmsguard.codec.mm1;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.LimitExceededException;
import io.mmsguard.codec.MalformedMessageException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The WSP multipart body (PROTOCOLS.md §1.8.2) and the part headers of §1.8.3. */
final class MultipartCodec {
    private final DecodeLimits limits;
    private final List<String> warnings;
    private int partCount;

    MultipartCodec(DecodeLimits limits, List<String> warnings) {
        this.limits = limits;
        this.warnings = warnings;
    }

    /** Decodes entries up to the end of the reader; depth 1 is the PDU body. */
    List<MmsPart> decode(WspReader r, int depth) {
        if (depth > limits.maxNestingDepth()) {
            throw new LimitExceededException("maxNestingDepth", depth, limits.maxNestingDepth());
        }
        int countAt = r.pos();
        long n = r.uintvar();
        DecodeLimits.check("maxParts", partCount + n, limits.maxParts());
        List<MmsPart> parts = new ArrayList<>((int) Math.min(n, 16));
        for (long i = 0; i < n; i++) {
            parts.add(decodeEntry(r, depth));
        }
        if (r.hasMore() && depth == 1) {
            warnings.add("ignored " + r.remaining() + " trailing octets after the last part (at byte " + r.pos() + ")");
        } else if (r.hasMore()) {
            warnings.add("ignored " + r.remaining() + " trailing octets in a nested multipart counted at byte " + countAt);
        }
        return parts;
    }

    private MmsPart decodeEntry(WspReader r, int depth) {
        partCount++;
        int start = r.pos();
        int headersLen = r.uintvarLength();
        long dataLen = r.uintvar();
        if (dataLen > r.remaining() - headersLen) {
            throw new MalformedMessageException("part data length " + dataLen + " exceeds the "
                    + (r.remaining() - headersLen) + " octets left", start);
        }
        WspReader h = r.sub(headersLen);
        ContentType type = ContentTypeCodec.decode(h);
        List<PartHeader> headers = new ArrayList<>();
        while (h.hasMore()) {
            DecodeLimits.check("maxHeaders", headers.size() + 1, limits.maxHeaders());
            headers.add(decodeHeader(h));
        }
        int dataAt = r.pos();
        byte[] data = r.bytes(dataLen);
        List<MmsPart> children = List.of();
        if (type.isMultipart()) {
            children = decode(new WspReader(data), depth + 1);
            if (children.isEmpty()) {
                warnings.add("empty nested multipart at byte " + dataAt);
            }
        }
        return new MmsPart(type, headers, data, children);
    }

    private PartHeader decodeHeader(WspReader h) {
        int b = h.peek();
        if (b >= 0x80) {
            int code = h.u8();
            int extent = h.valueExtent();
            DecodeLimits.check("maxHeaderBytes", extent, limits.maxHeaderBytes());
            byte[] raw = h.slice(h.pos(), extent);
            WspReader v = h.sub(extent);
            try {
                Object value = switch (code) {
                    case PartHeader.CONTENT_ID -> v.quotedString();
                    case PartHeader.CONTENT_LOCATION -> v.textString();
                    case PartHeader.CONTENT_DISPOSITION, PartHeader.CONTENT_DISPOSITION_14 -> disposition(v);
                    default -> null;
                };
                if (value != null && !v.hasMore()) {
                    return new PartHeader(code, partHeaderName(code), value);
                }
            } catch (MalformedMessageException e) {
                // fall through: keep the value verbatim, as for any header we do not understand
            }
            return new PartHeader(code, partHeaderName(code), new RawValue(raw));
        }
        if (b >= 32 && b != WspReader.QUOTE) {
            String name = new String(h.cString(), StandardCharsets.ISO_8859_1);
            if (h.hasMore() && h.peek() < 0x80 && h.peek() >= 32) {
                return new PartHeader(PartHeader.TEXTUAL, name, h.textString());
            }
            return new PartHeader(PartHeader.TEXTUAL, name, new RawValue(h.skipValue()));
        }
        // header code-page shifts: legal WSP, never seen in MMS; keep the rest of the block verbatim
        h.u8();
        return new PartHeader(b, "Shift-0x" + Integer.toHexString(b), new RawValue(h.bytes(h.remaining())));
    }

    private static PartHeader.Disposition disposition(WspReader v) {
        WspReader d = v.sub(v.valueLength());
        String type;
        int b = d.peek();
        if (b >= 0x80) {
            int t = d.u8();
            type = switch (t) {
                case 0x80 -> "form-data";
                case 0x81 -> "attachment";
                case 0x82 -> "inline";
                default -> throw d.error("unknown disposition 0x" + Integer.toHexString(t));
            };
        } else {
            type = d.textString();
        }
        return new PartHeader.Disposition(type, ContentTypeCodec.decodeParameters(d));
    }

    static String partHeaderName(int code) {
        return switch (code) {
            case PartHeader.CONTENT_ID -> "Content-ID";
            case PartHeader.CONTENT_LOCATION -> "Content-Location";
            case PartHeader.CONTENT_DISPOSITION, PartHeader.CONTENT_DISPOSITION_14 -> "Content-Disposition";
            default -> String.format("X-Wsp-Field-0x%02x", code & 0x7F);
        };
    }

    static void encode(WspWriter w, List<MmsPart> parts) {
        w.uintvar(parts.size());
        for (MmsPart p : parts) {
            WspWriter head = new WspWriter();
            ContentTypeCodec.encode(head, p.contentType());
            for (PartHeader h : p.headers()) {
                encodeHeader(head, h);
            }
            byte[] data;
            if (p.hasChildren()) {
                WspWriter nested = new WspWriter();
                encode(nested, p.children());
                data = nested.toByteArray();
            } else {
                data = p.data();
            }
            byte[] headBytes = head.toByteArray();
            w.uintvar(headBytes.length).uintvar(data.length).bytes(headBytes).bytes(data);
        }
    }

    private static void encodeHeader(WspWriter w, PartHeader h) {
        if (h.code() == PartHeader.TEXTUAL) {
            w.tokenText(h.name());
        } else {
            w.u8(h.code());
        }
        Object v = h.value();
        if (v instanceof RawValue raw) {
            w.bytes(raw.bytes());
        } else if (h.code() == PartHeader.CONTENT_ID) {
            w.quotedString((String) v);
        } else if (v instanceof PartHeader.Disposition d) {
            WspWriter inner = new WspWriter();
            switch (d.type()) {
                case "form-data" -> inner.u8(0x80);
                case "attachment" -> inner.u8(0x81);
                case "inline" -> inner.u8(0x82);
                default -> inner.textString(d.type());
            }
            ContentTypeCodec.encodeParameters(inner, d.parameters());
            w.lengthPrefixed(inner.toByteArray());
        } else {
            w.textString((String) v);
        }
    }
}
