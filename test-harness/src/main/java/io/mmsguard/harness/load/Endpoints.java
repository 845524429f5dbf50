package io.mmsguard.harness.load;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The listeners of one gateway, on loopback.
 *
 * @param mm1 the MM1 URL handsets POST m-send.req to
 * @param mm7 the MM7 URL VASPs POST SubmitReq to
 * @param mm3 the MM3 SMTP listener
 * @param mm4 the MM4 SMTP listener
 */
public record Endpoints(URI mm1, URI mm7, InetSocketAddress mm3, InetSocketAddress mm4) {
}
