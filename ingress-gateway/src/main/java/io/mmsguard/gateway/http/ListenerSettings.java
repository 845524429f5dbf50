package io.mmsguard.gateway.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.gateway.tls.TlsSettings;

/**
 * One listening socket and its limits.
 *
 * @param maxConnections   connections over this are closed at accept (counted)
 * @param maxHeaderBytes   request line and headers together
 * @param maxBodyBytes     request body; larger gets 413 and the connection closes
 * @param idleTimeout      a connection with no traffic at all for this long is closed
 * @param requestDeadline  a request must arrive whole within this time from its first byte (slow clients)
 * @param tls              implicit TLS on this listener; empty = plain TCP
 * @param headDeadline     the request line and headers must arrive within this time from the request's first byte
 *                         (slow headers); at most {@code requestDeadline}
 * @param maxConnectionsPerAddress connections from one client address over this are closed at accept (counted)
 * @param perAddressExempt addresses without the per-address cap: the operator's proxies in front of the listener,
 *                         which carry every subscriber's connections
 */
public record ListenerSettings(String name, String host, int port, int maxConnections, int maxHeaderBytes,
                               int maxBodyBytes, Duration idleTimeout, Duration requestDeadline,
                               Optional<TlsSettings> tls, Duration headDeadline, int maxConnectionsPerAddress,
                               TrustedProxies perAddressExempt) {

    public ListenerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(requestDeadline, "requestDeadline");
        Objects.requireNonNull(headDeadline, "headDeadline");
        Objects.requireNonNull(perAddressExempt, "perAddressExempt");
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxHeaderBytes < 256 || maxBodyBytes < 1) {
            throw new IllegalArgumentException(name + ": limits must be positive (header limit at least 256)");
        }
        if (headDeadline.isNegative() || headDeadline.isZero() || headDeadline.compareTo(requestDeadline) > 0) {
            throw new IllegalArgumentException(name + ": the head deadline must be positive and at most the request "
                    + "deadline (" + requestDeadline + "), not " + headDeadline);
        }
    }

    /**
     * Without a head deadline of its own (the request deadline bounds the head too) and without a per-address cap
     * (only {@code maxConnections}): for stubs and tests whose clients all share one address.
     */
    public ListenerSettings(String name, String host, int port, int maxConnections, int maxHeaderBytes,
                            int maxBodyBytes, Duration idleTimeout, Duration requestDeadline,
                            Optional<TlsSettings> tls) {
        this(name, host, port, maxConnections, maxHeaderBytes, maxBodyBytes, idleTimeout, requestDeadline, tls,
                requestDeadline, maxConnections, TrustedProxies.NONE);
    }
}
