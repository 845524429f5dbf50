package io.mmsguard.gateway.http;

import java.util.List;
import java.util.Map;

/** What the upstream answered: status, headers (names as received) and the whole body. */
public record UpstreamResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** The first Content-Type value, or the empty string. */
    public String contentType() {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("content-type") && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return "";
    }
}
