package io.mmsguard.gateway.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.service.tls.KeyStores;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server TLS of one listener (HTTP or SMTP, implicit or STARTTLS): the one place a listener's TLS context is
 * built from {@link TlsSettings}. Every {@code reloadInterval} it checks whether the key store's or the trust
 * store's file changed (modification time, size, file identity); if so it builds a new context that new
 * connections use, while connections already open keep theirs. A new file that cannot be used is logged and
 * counted, and the old context stays.
 */
public final class ServerTls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private final String listener;
    private final String mode;
    private final TlsSettings settings;
    private final GatewayMetrics metrics;
    private final ScheduledExecutorService reloader;
    private volatile Loaded current;
    /** The files' stamps last tried, good or bad: a bad file is reported once, not at every check. */
    private List<FileStamp> tried;

    private record Loaded(SslContext context, X509Certificate certificate) {
    }

    private ServerTls(String listener, String mode, TlsSettings settings, GatewayMetrics metrics) {
        this.listener = listener;
        this.mode = mode;
        this.settings = settings;
        this.metrics = metrics;
        this.tried = stamps();
        this.current = load(settings);
        metrics.tlsCertificateExpiry(listener, mode, () -> current.certificate().getNotAfter().getTime() / 1000.0);
        if (settings.reloadInterval().isZero()) {
            this.reloader = null;
        } else {
            this.reloader = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tls-reload-" + listener + "-" + mode);
                t.setDaemon(true);
                return t;
            });
            long every = settings.reloadInterval().toMillis();
            reloader.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @param mode {@code tls} (implicit) or {@code starttls}
     * @throws IllegalArgumentException if the key store or trust store cannot be used (the listener does not start)
     */
    public static ServerTls start(String listener, String mode, TlsSettings settings, GatewayMetrics metrics) {
        return new ServerTls(listener, mode, settings, metrics);
    }

    /** A handler for a new connection under implicit TLS, with the newest context. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        return new SslHandler(current.context().newEngine(alloc), false);
    }

    /** A handler for a connection switching to TLS after STARTTLS: the reply to it leaves in plaintext. */
    public SslHandler newStartTlsHandler(ByteBufAllocator alloc) {
        return new SslHandler(current.context().newEngine(alloc), true);
    }

    /** The certificate new connections are offered. */
    public X509Certificate certificate() {
        return current.certificate();
    }

    /** Rebuilds the context if a file changed since the last attempt; called by the reload timer. */
    void reloadIfChanged() {
        List<FileStamp> now = stamps();
        if (now.equals(tried)) {
            return;
        }
        tried = now;
        try {
            Loaded loaded = load(settings);
            current = loaded;
            metrics.tlsReload(listener, mode, "reloaded");
            LOG.info("{} ({}): TLS key material reloaded from {}; certificate serial {}, valid until {}", listener,
                    mode, settings.keyStore(), loaded.certificate().getSerialNumber().toString(16),
                    loaded.certificate().getNotAfter().toInstant());
        } catch (RuntimeException e) {
            metrics.tlsReload(listener, mode, "failed");
            LOG.warn("{} ({}): the changed TLS key material cannot be used; new connections keep the previous "
                    + "certificate (serial {}): {}", listener, mode,
                    current.certificate().getSerialNumber().toString(16), e.getMessage());
        }
    }

    private List<FileStamp> stamps() {
        return settings.trustStore().map(t -> List.of(FileStamp.of(settings.keyStore()), FileStamp.of(t.file())))
                .orElseGet(() -> List.of(FileStamp.of(settings.keyStore())));
    }

    private static Loaded load(TlsSettings settings) {
        KeyManagerFactory kmf = KeyStores.keyManagers(settings.keyStore(), settings.password());
        X509Certificate leaf = leaf(settings);
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK)
                    .protocols(settings.protocols())
                    .ciphers(settings.cipherSuites().isEmpty() ? jdkDefaultCipherSuites() : settings.cipherSuites(),
                            IdentityCipherSuiteFilter.INSTANCE)
                    .clientAuth(switch (settings.clientAuth()) {
                        case NONE -> ClientAuth.NONE;
                        case OPTIONAL -> ClientAuth.OPTIONAL;
                        case REQUIRED -> ClientAuth.REQUIRE;
                    });
            settings.trustStore().ifPresent(t ->
                    builder.trustManager(KeyStores.trustManagers(Optional.of(t.file()), t.password())));
            return new Loaded(builder.build(), leaf);
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build a TLS context from " + settings.keyStore() + ": "
                    + e.getMessage(), e);
        }
    }

    private static X509Certificate leaf(TlsSettings settings) {
        var store = KeyStores.load(settings.keyStore(), settings.password());
        try {
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate c) {
                    return c;
                }
            }
        } catch (java.security.KeyStoreException e) {
            throw new IllegalArgumentException("cannot read " + settings.keyStore() + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(settings.keyStore() + " holds no key with a certificate");
    }

    private static List<String> jdkDefaultCipherSuites() {
        try {
            return List.of(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no default TLS context", e);
        }
    }

    @Override
    public void close() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }

    /** What tells a rewritten file from the one loaded; an unreadable file has an empty stamp. */
    private record FileStamp(Path file, long modified, long size, Object key) {
        static FileStamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(file, a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
            } catch (IOException e) {
                return new FileStamp(file, -1, -1, null);
            }
        }
    }
}
