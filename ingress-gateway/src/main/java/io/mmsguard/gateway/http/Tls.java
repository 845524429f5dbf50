package io.mmsguard.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/** Server TLS contexts from PKCS12 key stores (TLS 1.2 and 1.3, the JDK provider). */
public final class Tls {

    private Tls() {
    }

    public static SslContext serverContext(ListenerSettings.TlsSettings settings) {
        try (InputStream in = Files.newInputStream(settings.keyStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, settings.password());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, settings.password());
            return SslContextBuilder.forServer(kmf).protocols("TLSv1.3", "TLSv1.2").build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the TLS key store " + settings.keyStore() + ": "
                    + e.getMessage(), e);
        }
    }
}
