package io.mmsguard.service.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key and trust material from PKCS12 files, for every TLS endpoint of mmsguard (listeners, the SMTP client, HTTPS
 * upstreams). A file that cannot be read or opened fails with an {@link IllegalArgumentException} naming it.
 */
public final class KeyStores {
    private KeyStores() {
    }

    /** A PKCS12 file (the JDK also reads JKS under this type). */
    public static KeyStore load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The key and certificate chain of a key store whose key has the store's password. */
    public static KeyManagerFactory keyManagers(Path keyStore, char[] password) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStore, password), password);
            return kmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    /** The certificates of a trust store; empty: the JDK's default trust store (cacerts). */
    public static TrustManagerFactory trustManagers(Optional<Path> trustStore, char[] password) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore.map(file -> load(file, password)).orElse(null));
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the trust store " + trustStore.orElseThrow() + ": "
                    + e.getMessage(), e);
        }
    }
}
