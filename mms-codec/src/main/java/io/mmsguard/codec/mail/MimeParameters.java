package io.mmsguard.codec.mail;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 2231 and RFC 2047 parameter decoding for codecs that split parameters themselves (WSP in MM1): one decoding of
 * {@code filename*=UTF-8''x%2Eexe}, {@code filename*0*=...} continuations and {@code name="=?UTF-8?B?...?="} for every
 * interface, so that a name the recipient's client decodes is the name the file filter sees.
 */
public final class MimeParameters {

    private MimeParameters() {
    }

    /**
     * @param raw parameter names and values as sent, in order; a repeated name keeps its first value
     * @return names lower case, values decoded; RFC 2231 forms win over a plain value of the same name
     */
    public static Map<String, String> decode(Iterable<Map.Entry<String, String>> raw) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw) {
            byName.putIfAbsent(e.getKey().strip().toLowerCase(Locale.ROOT), e.getValue() == null ? "" : e.getValue());
        }
        return MimeParams.decode(byName);
    }
}
