package io.mmsguard.gateway.http;

import java.nio.file.Path;
import java.util.Optional;

import javax.net.ssl.SSLException;

import io.mmsguard.service.Settings;
import io.mmsguard.service.tls.KeyStores;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * How the gateway speaks TLS to https upstreams (MM1, MM7): the server certificate is verified, host name included,
 * against {@code trustStore} (the operator's CA, e.g. the MMSC's private one) or the JDK's default CAs; the gateway
 * presents {@code keyStore}'s certificate when the MMSC or VASP asks for one.
 */
public record UpstreamTls(Optional<Path> trustStore, char[] trustStorePassword, Optional<Path> keyStore,
                          char[] keyStorePassword) {

    /** The JDK's trust, no client certificate. */
    public static final UpstreamTls DEFAULT = new UpstreamTls(Optional.empty(), new char[0], Optional.empty(),
            new char[0]);

    /** {@code gateway.upstream-trust-store}, {@code gateway.upstream-key-store} and their passwords (or files). */
    public static UpstreamTls from(Settings s) {
        return new UpstreamTls(s.find("gateway.upstream-trust-store").map(Path::of),
                s.secret("gateway.upstream-trust-store-password").orElse(new char[0]),
                s.find("gateway.upstream-key-store").map(Path::of),
                s.secret("gateway.upstream-key-store-password").orElse(new char[0]));
    }

    public SslContext context() {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2")
                    .trustManager(KeyStores.trustManagers(trustStore, trustStorePassword));
            keyStore.ifPresent(k -> b.keyManager(KeyStores.keyManagers(k, keyStorePassword)));
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the upstream TLS context: " + e.getMessage(), e);
        }
    }

    /** By value: configurations are compared (the passwords are arrays, which a record compares by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof UpstreamTls t && trustStore.equals(t.trustStore) && keyStore.equals(t.keyStore)
                && java.util.Arrays.equals(trustStorePassword, t.trustStorePassword)
                && java.util.Arrays.equals(keyStorePassword, t.keyStorePassword);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(trustStore, keyStore);
    }

    @Override
    public String toString() {
        return "UpstreamTls[trustStore=" + trustStore + ", keyStore=" + keyStore + "]";
    }
}
