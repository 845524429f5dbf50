package io.mmsguard.inspection.service;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mmsguard.inspection.av.AvLimits;
import io.mmsguard.inspection.av.ClamavSignatureEngine;
import io.mmsguard.inspection.av.ClamdConfig;
import io.mmsguard.inspection.av.ClamdScanner;
import io.mmsguard.inspection.av.RoutingVirusScanner;
import io.mmsguard.inspection.av.SignatureDatabaseLoader;
import io.mmsguard.inspection.av.SignatureDirectoryWatcher;
import io.mmsguard.inspection.av.SignatureUpdateTime;
import io.mmsguard.inspection.scan.VirusScanner;
import io.mmsguard.service.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the configured virus scanner; {@link #close()} stops the signature-directory watcher, if any. */
public final class VirusScanners implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VirusScanners.class);
    static final String[] BUNDLED = {"io/mmsguard/inspection/av/mmsguard-test.hdb",
        "io/mmsguard/inspection/av/mmsguard-test.hsb", "io/mmsguard/inspection/av/mmsguard-test.ndb"};

    private final VirusScanner scanner;
    private final Optional<SignatureDirectoryWatcher> watcher;

    private VirusScanners(VirusScanner scanner, Optional<SignatureDirectoryWatcher> watcher) {
        this.scanner = scanner;
        this.watcher = watcher;
    }

    static VirusScanners create(InspectionConfig.AntivirusConfig config) throws IOException {
        if (config.engine().equals("clamd")) {
            return new VirusScanners(clamd(config), Optional.empty());
        }
        if (config.signatures().isEmpty()) {
            LOG.warn("antivirus: no antivirus.signatures directory; using the bundled test database (EICAR only)");
        }
        ClamavSignatureEngine engine = builtIn(config.signatures(), config.maxContentBytes());
        if (config.signatures().isEmpty()) {
            return new VirusScanners(engine, Optional.empty());
        }
        Path dir = config.signatures().get();
        LOG.info("antivirus: built-in engine, signatures from {} ({})", dir, engine.statistics());
        VirusScanner scanner = engine;
        if (config.engine().equals("builtin+clamd")) {
            scanner = new RoutingVirusScanner(engine, clamd(config));
            LOG.info("antivirus: parts clean to the built-in engine go to clamd when a signature it skipped may"
                    + " target them (now: target types {})", engine.statistics().unevaluatedTargets());
        }
        return new VirusScanners(scanner,
                Optional.of(new SignatureDirectoryWatcher(dir, config.reloadInterval(), engine::reload)));
    }

    private static ClamdScanner clamd(InspectionConfig.AntivirusConfig config) {
        ClamdConfig clamd = clamdConfig(config.clamdAddress())
                .withTimeouts(config.clamdConnectTimeout(), config.clamdReadTimeout())
                .withMaxStreamBytes(config.clamdMaxStreamBytes());
        ClamdScanner scanner = new ClamdScanner(clamd);
        LOG.info("antivirus: clamd at {} ({})", config.clamdAddress(), scanner.ping() ? "answers PING"
                : "not answering yet; scans fail until it does, and the profiles' fail-open decides");
        return scanner;
    }

    /**
     * The built-in engine over the signatures in {@code signatures}, or the bundled test database (EICAR only)
     * without one; not watched for changes (the service adds the watcher, a backtest reads them once).
     */
    public static ClamavSignatureEngine builtIn(Optional<Path> signatures, long maxContentBytes) throws IOException {
        AvLimits limits = new AvLimits(AvLimits.DEFAULTS.maxLineLength(), AvLimits.DEFAULTS.maxSignatureBytes(),
                maxContentBytes);
        if (signatures.isEmpty()) {
            SignatureDatabaseLoader loader = new SignatureDatabaseLoader(limits);
            return new ClamavSignatureEngine(() -> loader.loadResources(BUNDLED),
                    () -> SignatureUpdateTime.newestResource(BUNDLED), limits.maxContentBytes());
        }
        return ClamavSignatureEngine.fromDirectory(signatures.get(), limits);
    }

    static ClamdConfig clamdConfig(String address) {
        if (address.startsWith("unix:")) {
            return ClamdConfig.unixSocket(Path.of(address.substring("unix:".length())));
        }
        URI uri = URI.create(address);
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw new ConfigException("antivirus.clamd.address must be tcp://host:port or unix:/path, not " + address);
        }
        return ClamdConfig.tcp(uri.getHost(), uri.getPort());
    }

    VirusScanner scanner() {
        return scanner;
    }

    /**
     * The built-in engine's signature age as a gauge, mmsguard_inspection_antivirus_signatures_updated_timestamp_seconds
     * (Unix time of the newest signature file in service; NaN when unknown), for the alert on signatures older than
     * a day. clamd keeps its own database: nothing is registered for it.
     */
    void bindTo(MeterRegistry registry) {
        if (scanner instanceof ClamavSignatureEngine engine) {
            Gauge.builder("mmsguard.inspection.antivirus.signatures.updated.timestamp", engine,
                            e -> e.updatedAt().map(t -> t.toEpochMilli() / 1000.0).orElse(Double.NaN))
                    .baseUnit("seconds")
                    .description("When the signature files in service were last updated (the newest file's time)")
                    .register(registry);
        }
    }

    @Override
    public void close() {
        watcher.ifPresent(SignatureDirectoryWatcher::close);
    }
}
