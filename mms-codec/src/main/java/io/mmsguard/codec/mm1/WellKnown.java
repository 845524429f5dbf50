package io.mmsguard.codec.mm1;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** WSP well-known content types and parameter tokens (PROTOCOLS.md §1.9.1, §1.9.2). */
final class WellKnown {
    private static final String[] CONTENT_TYPES = {
        "*/*", "text/*", "text/html", "text/plain", "text/x-hdml", "text/x-ttml", "text/x-vCalendar", "text/x-vCard",
        "text/vnd.wap.wml", "text/vnd.wap.wmlscript", "text/vnd.wap.wta-event", "multipart/*", "multipart/mixed",
        "multipart/form-data", "multipart/byteranges", "multipart/alternative", "application/*",
        "application/java-vm", "application/x-www-form-urlencoded", "application/x-hdmlc",
        "application/vnd.wap.wmlc", "application/vnd.wap.wmlscriptc", "application/vnd.wap.wta-eventc",
        "application/vnd.wap.uaprof", "application/vnd.wap.wtls-ca-certificate",
        "application/vnd.wap.wtls-user-certificate", "application/x-x509-ca-cert", "application/x-x509-user-cert",
        "image/*", "image/gif", "image/jpeg", "image/tiff", "image/png", "image/vnd.wap.wbmp",
        "application/vnd.wap.multipart.*", "application/vnd.wap.multipart.mixed",
        "application/vnd.wap.multipart.form-data", "application/vnd.wap.multipart.byteranges",
        "application/vnd.wap.multipart.alternative", "application/xml", "text/xml", "application/vnd.wap.wbxml",
        "application/x-x968-cross-cert", "application/x-x968-ca-cert", "application/x-x968-user-cert",
        "text/vnd.wap.si", "application/vnd.wap.sic", "text/vnd.wap.sl", "application/vnd.wap.slc",
        "text/vnd.wap.co", "application/vnd.wap.coc", "application/vnd.wap.multipart.related",
        "application/vnd.wap.sia", "text/vnd.wap.connectivity-xml", "application/vnd.wap.connectivity-wbxml",
        "application/pkcs7-mime", "application/vnd.wap.hashed-certificate", "application/vnd.wap.signed-certificate",
        "application/vnd.wap.cert-response", "application/xhtml+xml", "application/wml+xml", "text/css",
        "application/vnd.wap.mms-message", "application/vnd.wap.rollover-certificate",
        "application/vnd.wap.locc+wbxml", "application/vnd.wap.loc+xml", "application/vnd.syncml.dm+wbxml",
        "application/vnd.syncml.dm+xml", "application/vnd.syncml.notification", "application/vnd.wap.xhtml+xml",
        "application/vnd.wv.csp.cir", "application/vnd.oma.dd+xml", "application/vnd.oma.drm.message",
        "application/vnd.oma.drm.content", "application/vnd.oma.drm.rights+xml",
        "application/vnd.oma.drm.rights+wbxml", "application/vnd.wv.csp+xml", "application/vnd.wv.csp+wbxml",
        "application/vnd.syncml.ds.notification", "audio/*", "video/*", "application/vnd.oma.dd2+xml",
        "application/mikey",
    };
    private static final Map<String, Integer> CONTENT_TYPE_CODES = IntStream.range(0, CONTENT_TYPES.length).boxed()
            .collect(Collectors.toUnmodifiableMap(i -> CONTENT_TYPES[i], i -> i));

    static final int MMS_MESSAGE = 0x3E;

    private WellKnown() {
    }

    /** Media type for a well-known code; unknown codes get a stable placeholder so nothing throws. */
    static String contentType(long code) {
        return code >= 0 && code < CONTENT_TYPES.length ? CONTENT_TYPES[(int) code] : "application/x-wsp-0x" + Long.toHexString(code);
    }

    /** Code for an exact (case-sensitive) table match, or -1: AOSP's rule, so that text types stay text. */
    static int contentTypeCode(String mediaType) {
        Integer c = CONTENT_TYPE_CODES.get(mediaType);
        if (c != null) {
            return c;
        }
        if (mediaType.startsWith("application/x-wsp-0x")) {
            try {
                return Integer.parseInt(mediaType.substring(20), 16);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** Parameter names by token; 1.1/1.2 and 1.4 tokens of the same parameter share one name. */
    static String parameterName(int token) {
        return switch (token) {
            case 0x00 -> "q";
            case 0x01 -> "charset";
            case 0x02 -> "level";
            case 0x03 -> "type-int";
            case 0x05, 0x17 -> "name";
            case 0x06, 0x18 -> "filename";
            case 0x07 -> "differences";
            case 0x08 -> "padding";
            case 0x09 -> "type";
            case 0x0A, 0x19 -> "start";
            case 0x0B, 0x1A -> "start-info";
            case 0x0C, 0x1B -> "comment";
            case 0x0D, 0x1C -> "domain";
            case 0x0E -> "max-age";
            case 0x0F, 0x1D -> "path";
            case 0x10 -> "secure";
            case 0x11 -> "sec";
            case 0x12 -> "mac";
            case 0x13 -> "creation-date";
            case 0x14 -> "modification-date";
            case 0x15 -> "read-date";
            case 0x16 -> "size";
            default -> null;
        };
    }

    /**
     * Token used on encode: the 1.1/1.2 numbers that AOSP sends and every handset understands (type 0x89,
     * start 0x8A, name 0x85, filename 0x86); -1 means send the name as Token-text.
     */
    static int parameterToken(String name) {
        return switch (name) {
            case "charset" -> 0x01;
            case "name" -> 0x05;
            case "filename" -> 0x06;
            case "type" -> 0x09;
            case "start" -> 0x0A;
            case "start-info" -> 0x0B;
            case "comment" -> 0x0C;
            case "domain" -> 0x0D;
            case "path" -> 0x0F;
            default -> -1;
        };
    }
}
