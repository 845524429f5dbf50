package io.mmsguard.service.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import io.mmsguard.service.Settings;

/**
 * What a TLS client of mmsguard trusts and shows (HTTPS upstreams, the SMTP relays and the notifier's mail sender):
 * a PKCS12 trust store (empty: the JDK's CAs) and an optional PKCS12 key store whose certificate is shown when the
 * server asks for one. Compared by value, passwords never printed.
 */
public record ClientStores(Optional<Path> trustStore, char[] trustStorePassword, Optional<Path> keyStore,
                           char[] keyStorePassword) {

    /** The JDK's CAs, no client certificate. */
    public static final ClientStores DEFAULT = new ClientStores(Optional.empty(), new char[0], Optional.empty(),
            new char[0]);

    /**
     * {@code trustStoreKey} and {@code keyStoreKey} with their passwords {@code <key>-password} (or
     * {@code <key>-password-file}, {@link Settings#secret(String)}).
     */
    public static ClientStores from(Settings s, String trustStoreKey, String keyStoreKey) {
        return new ClientStores(s.find(trustStoreKey).map(Path::of),
                s.secret(trustStoreKey + "-password").orElse(new char[0]),
                s.find(keyStoreKey).map(Path::of),
                s.secret(keyStoreKey + "-password").orElse(new char[0]));
    }

    /** A JDK context (TLS 1.3 and 1.2 negotiated by the caller) trusting and showing these stores. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyStore.map(k -> KeyStores.keyManagers(k, keyStorePassword).getKeyManagers()).orElse(null),
                    KeyStores.trustManagers(trustStore, trustStorePassword).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    /** By value: configurations are compared (the passwords are arrays, which a record compares by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClientStores t && trustStore.equals(t.trustStore) && keyStore.equals(t.keyStore)
                && Arrays.equals(trustStorePassword, t.trustStorePassword)
                && Arrays.equals(keyStorePassword, t.keyStorePassword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trustStore, keyStore);
    }

    @Override
    public String toString() {
        return "ClientStores[trustStore=" + trustStore + ", keyStore=" + keyStore + "]";
    }
}
