package io.mmsguard.gateway.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;

import io.mmsguard.service.ConfigKey;
import io.mmsguard.service.Settings;

/**
 * TLS of one listener, implicit ({@code <listener>.tls.*}) or through STARTTLS ({@code <listener>.starttls.*}): the
 * same keys and the same meaning for HTTP and SMTP listeners.
 *
 * @param keyStore       PKCS12 file with the listener's key and certificate chain; re-read when it changes
 * @param password       of the key store and its key
 * @param protocols      enabled protocols, e.g. TLSv1.3 and TLSv1.2
 * @param cipherSuites   enabled cipher suites; empty: the JDK's defaults
 * @param clientAuth     whether clients present a certificate
 * @param trustStore     the CAs whose client certificates are accepted (required unless clientAuth is NONE)
 * @param reloadInterval how often the key store's and trust store's files are checked for a change; zero: never
 */
public record TlsSettings(Path keyStore, char[] password, List<String> protocols, List<String> cipherSuites,
                          ClientAuth clientAuth, Optional<TrustStore> trustStore, Duration reloadInterval) {

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofMinutes(1);

    /** Whether the listener asks for a client certificate. */
    public enum ClientAuth {
        /** never asks */
        NONE,
        /** asks; a client without one is still served (the protocol's access control decides) */
        OPTIONAL,
        /** a client without a certificate signed by the trust store's CAs fails the handshake */
        REQUIRED;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A PKCS12 trust store. */
    public record TrustStore(Path file, char[] password) {
        public TrustStore {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(password, "password");
        }
    }

    public TlsSettings {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol");
        }
        if (clientAuth != ClientAuth.NONE && trustStore.isEmpty()) {
            throw new IllegalArgumentException("client authentication needs a trust store");
        }
        if (reloadInterval.isNegative()) {
            throw new IllegalArgumentException("the reload interval must not be negative");
        }
    }

    /** The defaults: TLS 1.3 and 1.2, the JDK's cipher suites, no client certificates, reloaded every minute. */
    public static TlsSettings of(Path keyStore, char[] password) {
        return new TlsSettings(keyStore, password, DEFAULT_PROTOCOLS, List.of(), ClientAuth.NONE, Optional.empty(),
                DEFAULT_RELOAD_INTERVAL);
    }

    public TlsSettings withClientAuth(ClientAuth auth, TrustStore trust) {
        return new TlsSettings(keyStore, password, protocols, cipherSuites, auth, Optional.of(trust), reloadInterval);
    }

    public TlsSettings withProtocols(String... enabled) {
        return new TlsSettings(keyStore, password, List.of(enabled), cipherSuites, clientAuth, trustStore,
                reloadInterval);
    }

    public TlsSettings withReloadInterval(Duration interval) {
        return new TlsSettings(keyStore, password, protocols, cipherSuites, clientAuth, trustStore, interval);
    }

    /** The keys under {@code prefix} (e.g. {@code mm1.tls}); {@code what} completes "PKCS12 key store: ...". */
    public static List<ConfigKey> keys(String prefix, String what) {
        return List.of(
                ConfigKey.of(prefix + ".key-store", null, "PKCS12 key store: " + what),
                ConfigKey.of(prefix + ".password", null, "its password (and its key's)"),
                ConfigKey.of(prefix + ".password-file", null, "a file holding that password, instead"),
                ConfigKey.of(prefix + ".protocols", String.join(",", DEFAULT_PROTOCOLS), "enabled TLS protocols"),
                ConfigKey.of(prefix + ".cipher-suites", null, "enabled cipher suites; default: the JDK's"),
                ConfigKey.of(prefix + ".client-auth", "none",
                        "client certificates: none, optional (asked for) or required (no certificate: no handshake)"),
                ConfigKey.of(prefix + ".trust-store", null,
                        "PKCS12 trust store of the CAs of client certificates (required unless client-auth is none)"),
                ConfigKey.of(prefix + ".trust-store-password", null, "its password"),
                ConfigKey.of(prefix + ".trust-store-password-file", null, "a file holding that password, instead"),
                ConfigKey.of(prefix + ".reload-interval", "1m",
                        "how often the key and trust stores are checked for a new file (0: never)"));
    }

    /** The settings under {@code prefix}, if {@code prefix.key-store} is set; invalid values name their key. */
    public static Optional<TlsSettings> from(Settings s, String prefix) {
        Optional<String> keyStore = s.find(prefix + ".key-store");
        if (keyStore.isEmpty()) {
            return Optional.empty();
        }
        List<String> protocols = list(s, prefix + ".protocols", String.join(",", DEFAULT_PROTOCOLS));
        if (protocols.isEmpty()) {
            throw s.invalid(prefix + ".protocols", "names no protocol; e.g. TLSv1.3,TLSv1.2");
        }
        Set<String> supportedProtocols = Set.of(supported().getProtocols());
        protocols.stream().filter(p -> !supportedProtocols.contains(p)).findFirst().ifPresent(p -> {
            throw s.invalid(prefix + ".protocols", p + " is not a protocol of this JDK; e.g. TLSv1.3,TLSv1.2");
        });
        List<String> suites = list(s, prefix + ".cipher-suites", "");
        Set<String> supportedSuites = Set.of(supported().getCipherSuites());
        suites.stream().filter(c -> !supportedSuites.contains(c)).findFirst().ifPresent(c -> {
            throw s.invalid(prefix + ".cipher-suites", c + " is not a cipher suite of this JDK");
        });
        String auth = s.string(prefix + ".client-auth", "none").trim();
        ClientAuth clientAuth = Arrays.stream(ClientAuth.values()).filter(a -> a.value().equalsIgnoreCase(auth))
                .findFirst().orElseThrow(() -> s.invalid(prefix + ".client-auth",
                        "must be none, optional or required, not " + auth));
        Optional<TrustStore> trust = s.find(prefix + ".trust-store").map(file -> new TrustStore(Path.of(file.trim()),
                s.secret(prefix + ".trust-store-password").orElse(new char[0])));
        if (clientAuth != ClientAuth.NONE && trust.isEmpty()) {
            throw s.invalid(prefix + ".trust-store", "is required with " + prefix + ".client-auth: " + auth);
        }
        Duration reload = s.duration(prefix + ".reload-interval", DEFAULT_RELOAD_INTERVAL);
        if (reload.isNegative()) {
            throw s.invalid(prefix + ".reload-interval", "must not be negative, not " + reload);
        }
        return Optional.of(new TlsSettings(Path.of(keyStore.get().trim()),
                s.secret(prefix + ".password").orElse(new char[0]), protocols, suites, clientAuth, trust, reload));
    }

    private static List<String> list(Settings s, String key, String fallback) {
        return Arrays.stream(s.string(key, fallback).split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .toList();
    }

    private static javax.net.ssl.SSLParameters supported() {
        try {
            return SSLContext.getDefault().getSupportedSSLParameters();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no default TLS context", e);
        }
    }
}
