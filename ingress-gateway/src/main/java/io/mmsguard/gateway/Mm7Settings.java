package io.mmsguard.gateway;

import java.net.URI;
import java.util.Objects;

import io.mmsguard.gateway.http.TrustedProxies;

/**
 * The MM7 proxy.
 *
 * @param upstream      the MMSC's MM7 URL (VASP SubmitReq and other VASP-originated operations are relayed there)
 * @param vaspUpstream  the VASP's URL for MMSC-originated requests (DeliverReq, reports) that come in on
 *                      {@code deliverPath}
 * @param deliverPath   request path on which the MMSC posts to the VASP through the gateway
 * @param inlineLimitBytes decoded content up to which parts travel inline in the envelope (keep it at or above the
 *                         profiles' oversize limit: a message without inline content is treated as oversize)
 * @param profile       the profile named on every envelope from this listener
 * @param access        who may use the listener: the VASPs' credentials, the deliver path's sources
 * @param msisdnTrustedProxies the peers whose MSISDN header or cookie (the profile's MM7 senderAddress) is
 *                             believed; from any other peer it is removed from the request, counted and ignored
 */
public record Mm7Settings(URI upstream, URI vaspUpstream, String deliverPath, String profile, long inlineLimitBytes,
                          Mm7AccessSettings access, TrustedProxies msisdnTrustedProxies) {

    public Mm7Settings {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(msisdnTrustedProxies, "msisdnTrustedProxies");
        Objects.requireNonNull(access, "access");
    }

    /** Trusting no peer's MSISDN header, the default of {@code mm7.msisdn.trusted-proxies}. */
    public Mm7Settings(URI upstream, URI vaspUpstream, String deliverPath, String profile, long inlineLimitBytes,
                       Mm7AccessSettings access) {
        this(upstream, vaspUpstream, deliverPath, profile, inlineLimitBytes, access, TrustedProxies.NONE);
    }
}
