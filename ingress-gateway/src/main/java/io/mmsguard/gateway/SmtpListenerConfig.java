package io.mmsguard.gateway;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.gateway.smtp.SmtpServerSettings;

/**
 * An SMTP listener (MM3 or MM4) as configured: the socket and its limits, the SMTP server settings, the upstream
 * MMSC listener passed messages are relayed to, and the profile named on its envelopes.
 *
 * @param mm4 the MM4-only settings; empty for MM3
 */
public record SmtpListenerConfig(ListenerSettings listener, SmtpServerSettings smtp, InetSocketAddress upstream,
                                 String profile, long inlineLimitBytes, Optional<Mm4Responses> mm4) {

    public SmtpListenerConfig {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(profile, "profile");
    }

    /**
     * Where MM4_forward.RES go: a peer MMSC per originator domain, else one relay (a smart host that routes by
     * domain, by default the upstream MMSC's MM4 listener).
     *
     * @param systemAddress our MMSC system user (From, Sender, MAIL FROM of the responses)
     * @param mmsVersion    X-Mms-3GPP-MMS-Version of the responses
     */
    public record Mm4Responses(String systemAddress, String mmsVersion, Map<String, InetSocketAddress> peers,
                               InetSocketAddress responseRelay) {

        public Mm4Responses {
            Objects.requireNonNull(systemAddress, "systemAddress");
            peers = Map.copyOf(peers);
            Objects.requireNonNull(responseRelay, "responseRelay");
        }
    }
}
