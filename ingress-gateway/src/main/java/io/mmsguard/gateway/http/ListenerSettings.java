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
 */
public record ListenerSettings(String name, String host, int port, int maxConnections, int maxHeaderBytes,
                               int maxBodyBytes, Duration idleTimeout, Duration requestDeadline,
                               Optional<TlsSettings> tls) {

    public ListenerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (maxConnections < 1 || maxHeaderBytes < 256 || maxBodyBytes < 1) {
            throw new IllegalArgumentException(name + ": limits must be positive (header limit at least 256)");
        }
    }
}
