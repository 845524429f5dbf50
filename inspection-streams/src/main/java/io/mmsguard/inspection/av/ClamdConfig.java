package io.mmsguard.inspection.av;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach clamd and how long to wait for it.
 *
 * @param address        a TCP address ({@code TCPSocket}/{@code TCPAddr}) or a unix socket ({@code LocalSocket})
 * @param connectTimeout the longest wait for the connection
 * @param readTimeout    the longest wait without progress while sending or waiting for the reply; clamd only
 *                       answers after scanning, so this bounds the scan time too
 * @param maxStreamBytes the largest content sent; keep it at or below clamd's {@code StreamMaxLength} (default
 *                       25 MiB), beyond which clamd drops the stream
 * @param chunkBytes     the size of one INSTREAM chunk
 */
public record ClamdConfig(SocketAddress address, Duration connectTimeout, Duration readTimeout, long maxStreamBytes,
        int chunkBytes) {

    public static final long CLAMD_DEFAULT_STREAM_MAX = 25L * 1024 * 1024;

    public ClamdConfig {
        Objects.requireNonNull(address, "address");
        if (!(address instanceof InetSocketAddress) && !(address instanceof UnixDomainSocketAddress)) {
            throw new IllegalArgumentException("not a TCP or unix socket address: " + address);
        }
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        if (maxStreamBytes < 0) {
            throw new IllegalArgumentException("maxStreamBytes must be >= 0: " + maxStreamBytes);
        }
        if (chunkBytes < 1 || chunkBytes > 1 << 20) {
            throw new IllegalArgumentException("chunkBytes must be in [1, 1 MiB]: " + chunkBytes);
        }
    }

    public static ClamdConfig tcp(String host, int port) {
        return new ClamdConfig(new InetSocketAddress(host, port), Duration.ofSeconds(2), Duration.ofSeconds(30),
                CLAMD_DEFAULT_STREAM_MAX, 64 * 1024);
    }

    public static ClamdConfig unixSocket(Path socket) {
        return new ClamdConfig(UnixDomainSocketAddress.of(socket), Duration.ofSeconds(2), Duration.ofSeconds(30),
                CLAMD_DEFAULT_STREAM_MAX, 64 * 1024);
    }

    public ClamdConfig withMaxStreamBytes(long max) {
        return new ClamdConfig(address, connectTimeout, readTimeout, max, chunkBytes);
    }

    public ClamdConfig withTimeouts(Duration connect, Duration read) {
        return new ClamdConfig(address, connect, read, maxStreamBytes, chunkBytes);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
