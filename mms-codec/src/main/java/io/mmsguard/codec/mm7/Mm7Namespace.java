package io.mmsguard.codec.mm7;

import java.util.List;

/**
 * MM7 schema namespaces (PROTOCOLS.md 4.2). The namespace and MM7Version are not tied one-to-one in practice, so
 * the codec keeps whatever URI a peer used and answers in it.
 */
public final class Mm7Namespace {
    public static final String PREFIX = "http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/";
    public static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    /** The 3GPP spec example's typo; accepted on input, never emitted. */
    public static final String SOAP_ENV_SPEC_TYPO = "http://schemas.xmlsoap.org/soap/soap-envelope";

    public static final String REL_5_MM7_1_0 = PREFIX + "REL-5-MM7-1-0";
    public static final String REL_5_MM7_1_1 = PREFIX + "REL-5-MM7-1-1";
    public static final String REL_5_MM7_1_2 = PREFIX + "REL-5-MM7-1-2";
    public static final String REL_5_MM7_1_3 = PREFIX + "REL-5-MM7-1-3";
    public static final String REL_6_MM7_1_0 = PREFIX + "REL-6-MM7-1-0";
    public static final String REL_6_MM7_1_1 = PREFIX + "REL-6-MM7-1-1";
    public static final String REL_6_MM7_1_2 = PREFIX + "REL-6-MM7-1-2";
    public static final String REL_6_MM7_1_3 = PREFIX + "REL-6-MM7-1-3";
    public static final String REL_6_MM7_1_4 = PREFIX + "REL-6-MM7-1-4";

    /** The namespaces this codec knows, oldest first; any other URI under {@link #PREFIX} is still accepted. */
    public static final List<String> KNOWN = List.of(REL_5_MM7_1_0, REL_5_MM7_1_1, REL_5_MM7_1_2, REL_5_MM7_1_3,
            REL_6_MM7_1_0, REL_6_MM7_1_1, REL_6_MM7_1_2, REL_6_MM7_1_3, REL_6_MM7_1_4);

    /** Used when nothing tells which version a peer speaks (e.g. a fault for an unparsable request). */
    public static final String DEFAULT = REL_6_MM7_1_4;

    private Mm7Namespace() {
    }

    public static boolean isMm7(String uri) {
        return uri != null && uri.startsWith(PREFIX) && uri.length() > PREFIX.length();
    }

    public static boolean isKnown(String uri) {
        return KNOWN.contains(uri);
    }

    public static boolean isSoapEnvelope(String uri) {
        return SOAP_ENV.equals(uri) || SOAP_ENV_SPEC_TYPO.equals(uri);
    }

    /** The schema name after {@link #PREFIX} (e.g. "REL-6-MM7-1-4"), or the URI itself when it is not an MM7 one. */
    public static String schemaName(String uri) {
        return isMm7(uri) ? uri.substring(PREFIX.length()) : uri;
    }

    /** MM7Version to echo when a request carried none: 5.3.0 for Rel-5 namespaces, 6.8.0 otherwise. */
    public static String defaultVersion(String uri) {
        return schemaName(uri).startsWith("REL-5") ? "5.3.0" : "6.8.0";
    }

    /** Whether mmsguard speaks this MM7Version (5.x.y and 6.x.y); a gateway answers any other with 4002. */
    public static boolean isSupportedVersion(String mm7Version) {
        return mm7Version != null && mm7Version.matches("[56]\\.\\d{1,2}\\.\\d{1,2}");
    }
}
