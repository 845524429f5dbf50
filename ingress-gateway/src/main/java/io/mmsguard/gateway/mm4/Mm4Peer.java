package io.mmsguard.gateway.mm4;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.mmsguard.gateway.http.TrustedProxies;
import io.mmsguard.gateway.smtp.SmtpClientIdentity;

/**
 * One peer MMSC allowed on MM4 ({@code mm4.peers.<name>.*}): the domains it sends for, and how its connections are
 * recognised, by source address, by TLS client certificate, or by both (then both must match).
 *
 * @param domains         its MMS domains (e.g. {@code mms.mnc006.mcc260.gprs}), lower case, matched exactly
 * @param networks        the CIDR blocks it connects from
 * @param certificate     a name (subject CN or subject alternative name) its TLS client certificate carries
 * @param responseAddress where its MM4 responses go; empty: through {@code mm4.response-relay}
 */
public record Mm4Peer(String name, Set<String> domains, Optional<TrustedProxies> networks, Optional<String> certificate,
                      Optional<InetSocketAddress> responseAddress) {

    public Mm4Peer {
        Objects.requireNonNull(name, "name");
        domains = domains.stream().map(String::trim).filter(d -> !d.isEmpty()).map(d -> d.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(networks, "networks");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(responseAddress, "responseAddress");
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("MM4 peer " + name + " has no domain");
        }
        if (networks.isEmpty() && certificate.isEmpty()) {
            throw new IllegalArgumentException("MM4 peer " + name + " has neither networks nor a certificate");
        }
    }

    /** Whether the client is this peer: every criterion the peer names matches. */
    boolean matches(SmtpClientIdentity client) {
        boolean network = networks.map(n -> client.address() != null && n.trusts(client.address().getAddress()))
                .orElse(true);
        boolean cert = certificate.map(c -> client.certificateNames().stream().anyMatch(c::equalsIgnoreCase))
                .orElse(true);
        return network && cert;
    }

    boolean owns(String domain) {
        return domains.contains(domain);
    }
}
