package io.mmsguard.gateway.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.mmsguard.service.Settings;
import io.mmsguard.service.tls.ClientStores;
import io.mmsguard.service.tls.KeyStores;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * How the gateway speaks TLS to its upstreams, https (MM1, MM7) and SMTP (the MM3/MM4 relays): the server certificate
 * is verified, host name included, against the trust store (the operator's CA, e.g. the MMSC's private one) or the
 * JDK's default CAs; the gateway presents the key store's certificate when the MMSC, VASP or peer asks for one.
 */
public record UpstreamTls(ClientStores stores) {

    /** The JDK's trust, no client certificate. */
    public static final UpstreamTls DEFAULT = new UpstreamTls(ClientStores.DEFAULT);

    /** {@code gateway.upstream-trust-store}, {@code gateway.upstream-key-store} and their passwords (or files). */
    public static UpstreamTls from(Settings s) {
        return new UpstreamTls(ClientStores.from(s, "gateway.upstream-trust-store", "gateway.upstream-key-store"));
    }

    /** For the https upstreams (Netty). */
    public SslContext context() {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2")
                    .trustManager(KeyStores.trustManagers(stores.trustStore(), stores.trustStorePassword()));
            stores.keyStore().ifPresent(k -> b.keyManager(KeyStores.keyManagers(k, stores.keyStorePassword())));
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the upstream TLS context: " + e.getMessage(), e);
        }
    }

    /** For the SMTP relays (blocking sockets). */
    public SSLContext sslContext() {
        return stores.sslContext();
    }
}
