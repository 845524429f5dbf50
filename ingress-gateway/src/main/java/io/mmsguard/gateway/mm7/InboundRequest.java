package io.mmsguard.gateway.mm7;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the handler keeps of one HTTP request once Netty has released its buffers.
 *
 * @param uri           request target as received (path and query)
 * @param path          its path, without the query
 * @param headers       a copy of the request headers
 * @param body          the whole body
 * @param clientAddress IP address of the peer, or null
 */
record InboundRequest(String uri, String path, HttpHeaders headers, byte[] body, String clientAddress) {

    String contentType() {
        return headers.get(HttpHeaderNames.CONTENT_TYPE);
    }

    /** The headers to send on to the upstream, repeated ones joined (hop-by-hop ones are dropped by HttpUpstream). */
    Map<String, String> forwardHeaders() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            out.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b);
        }
        return out;
    }
}
