package io.mmsguard.gateway;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.gateway.mm4.Mm4Peers;
import io.mmsguard.gateway.smtp.SmtpAccess;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.smtp.SmtpClientSecurity;

/**
 * An SMTP listener (MM3 or MM4) as configured: the socket and its limits, the SMTP server settings, the upstream
 * MMSC listener passed messages are relayed to, and the profile named on its envelopes.
 *
 * @param access who may send what: MM3's local domains, MM4's peers
 * @param mm4    the MM4-only settings; empty for MM3
 * @param upstreamSecurity TLS and AUTH of the relays: to {@code upstream} and, on MM4, of the responses to peers
 */
public record SmtpListenerConfig(ListenerSettings listener, SmtpServerSettings smtp, SmtpAccess access,
                                 InetSocketAddress upstream, String profile, long inlineLimitBytes,
                                 Optional<Mm4Responses> mm4, SmtpClientSecurity.Policy upstreamSecurity) {

    public SmtpListenerConfig {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(upstreamSecurity, "upstreamSecurity");
    }

    /**
     * Who MM4_forward.RES go to: the peer that sent the request, at its response address, else through one relay (a
     * smart host that routes by domain, by default the upstream MMSC's MM4 listener).
     *
     * @param systemAddress our MMSC system user (From, Sender, MAIL FROM of the responses)
     * @param mmsVersion    X-Mms-3GPP-MMS-Version of the responses
     * @param peers         the configured peers (the same as the listener's access)
     */
    public record Mm4Responses(String systemAddress, String mmsVersion, Mm4Peers peers,
                               InetSocketAddress responseRelay) {

        public Mm4Responses {
            Objects.requireNonNull(systemAddress, "systemAddress");
            Objects.requireNonNull(peers, "peers");
            Objects.requireNonNull(responseRelay, "responseRelay");
        }
    }
}
