package io.mmsguard.gateway.http;

import java.time.Duration;

import io.mmsguard.schemas.MessageSize;

/**
 * Limits of the HTTP upstream leg (MM1, MM7), per upstream (scheme, host, port) and per event loop.
 *
 * @param connectTimeout   TCP connect plus TLS handshake; also the longest wait for a free pooled connection
 * @param responseTimeout  from the end of the request's write to the whole answer (also bounds the write itself)
 * @param maxConnections   connections per upstream per event loop; requests beyond wait in a queue
 * @param maxWaiting       requests that may wait for a connection per upstream per event loop; beyond, they fail
 *                         at once, not sent
 * @param idleTimeout      a pooled connection unused for this long is closed
 * @param maxResponseBytes a larger answer is dropped and the request fails as not answered
 */
public record UpstreamSettings(Duration connectTimeout, Duration responseTimeout, int maxConnections, int maxWaiting,
                               Duration idleTimeout, int maxResponseBytes) {

    public UpstreamSettings {
        if (maxConnections < 1 || maxWaiting < 0 || maxResponseBytes < 1 || connectTimeout.isNegative()
                || connectTimeout.isZero() || responseTimeout.isNegative() || responseTimeout.isZero()
                || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("upstream timeouts, connection and response limits must be positive "
                    + "and the waiting limit at least 0");
        }
    }

    /** The defaults of docs/configuration.md with the given timeouts. */
    public static UpstreamSettings defaults(Duration connectTimeout, Duration responseTimeout) {
        return new UpstreamSettings(connectTimeout, responseTimeout, 64, 512, Duration.ofSeconds(30),
                MessageSize.MAX_WIRE_BYTES);
    }
}
