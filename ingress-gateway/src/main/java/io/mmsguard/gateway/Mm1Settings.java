package io.mmsguard.gateway;

import java.net.URI;
import java.util.Objects;

import io.mmsguard.gateway.http.TrustedProxies;

/**
 * The MM1 proxy.
 *
 * @param upstream the MMSC's MM1 URL that handsets' m-send.req POSTs go to (retrievals go to the URL the handset
 *                 asks for, on the same host unless {@code retrieveUpstream} says otherwise)
 * @param retrieveUpstream base URI whose scheme, host and port replace the handset's retrieval URL's
 * @param inlineLimitBytes decoded content up to which parts travel inline in the envelope (keep it at or above the
 *                         profiles' oversize limit: a message without inline content is treated as oversize)
 * @param profile  the profile named on every envelope from this listener
 * @param msisdnTrustedProxies the peers whose MSISDN header or cookie is believed; from any other peer it is
 *                             removed from the request, counted and ignored
 */
public record Mm1Settings(URI upstream, URI retrieveUpstream, String profile, long inlineLimitBytes,
                          TrustedProxies msisdnTrustedProxies) {

    public Mm1Settings {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(retrieveUpstream, "retrieveUpstream");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(msisdnTrustedProxies, "msisdnTrustedProxies");
    }

    /** Trusting no peer's MSISDN header, the default of {@code mm1.msisdn.trusted-proxies}. */
    public Mm1Settings(URI upstream, URI retrieveUpstream, String profile, long inlineLimitBytes) {
        this(upstream, retrieveUpstream, profile, inlineLimitBytes, TrustedProxies.NONE);
    }
}
