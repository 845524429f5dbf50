package io.mmsguard.inspection.av;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mmsguard.inspection.scan.ScanFailedException;
import io.mmsguard.inspection.scan.VirusScanner;

/**
 * The built-in virus scanner: matches content against a compiled ClamAV signature database.
 *
 * <p>The database sits behind an {@link AtomicReference}. {@link #reload()} compiles a new database completely
 * before swapping it in with one write, so a scan that already read the reference finishes on the old database
 * and no scan ever sees a half-loaded one. If the new load fails the old database stays in service.
 *
 * <p>With each database it keeps when its signatures were last updated ({@link #updatedAt()}), read from the source
 * before loading: a stale database (freshclam stopped) shows there, while the reloads go on succeeding.
 */
public final class ClamavSignatureEngine implements VirusScanner {
    private static final Logger LOG = LoggerFactory.getLogger(ClamavSignatureEngine.class);

    /** Produces a freshly compiled database; called once at construction and on every reload. */
    @FunctionalInterface
    public interface DatabaseSource {
        SignatureDatabase load() throws IOException;
    }

    /** When the signatures a source would load now were last updated; empty when it cannot tell. */
    @FunctionalInterface
    public interface UpdateTime {
        UpdateTime UNKNOWN = Optional::empty;

        Optional<Instant> read() throws IOException;
    }

    private final DatabaseSource source;
    private final UpdateTime updateTime;
    private final long maxContentBytes;
    private final AtomicReference<SignatureDatabase> database = new AtomicReference<>();
    private final AtomicReference<Optional<Instant>> updatedAt = new AtomicReference<>(Optional.empty());

    /** @throws IOException when the first load fails: an engine never runs without a database */
    public ClamavSignatureEngine(DatabaseSource source, long maxContentBytes) throws IOException {
        this(source, UpdateTime.UNKNOWN, maxContentBytes);
    }

    /** @throws IOException when the first load fails: an engine never runs without a database */
    public ClamavSignatureEngine(DatabaseSource source, UpdateTime updateTime, long maxContentBytes)
            throws IOException {
        this.source = Objects.requireNonNull(source, "source");
        this.updateTime = Objects.requireNonNull(updateTime, "updateTime");
        this.maxContentBytes = maxContentBytes;
        Optional<Instant> time = updateTime.read();
        this.database.set(Objects.requireNonNull(source.load(), "loaded database"));
        this.updatedAt.set(time);
    }

    public static ClamavSignatureEngine fromDirectory(Path directory, AvLimits limits) throws IOException {
        SignatureDatabaseLoader loader = new SignatureDatabaseLoader(limits);
        return new ClamavSignatureEngine(() -> loader.loadDirectory(directory),
                () -> SignatureUpdateTime.newestFile(directory), limits.maxContentBytes());
    }

    @Override
    public Optional<String> scan(byte[] content) {
        Objects.requireNonNull(content, "content");
        if (content.length > maxContentBytes) {
            throw new ScanFailedException("content of " + content.length + " bytes exceeds the scan limit of "
                    + maxContentBytes);
        }
        return database.get().match(content);
    }

    /**
     * Loads and compiles the database again and swaps it in.
     *
     * @return true when the new database is in service, false when loading failed and the old one stays
     */
    public boolean reload() {
        SignatureDatabase fresh;
        Optional<Instant> time;
        try {
            // Read before the load: a file replaced during the load is newer than this, and triggers the next one.
            time = updateTime.read();
            fresh = Objects.requireNonNull(source.load(), "loaded database");
        } catch (IOException | RuntimeException e) {
            LOG.error("signature reload failed, keeping the database loaded before ({} signatures)",
                    database.get().statistics().signatures(), e);
            return false;
        }
        database.set(fresh);
        updatedAt.set(time);
        return true;
    }

    /** When the signatures in service were last updated (see {@link SignatureUpdateTime}); empty when unknown. */
    public Optional<Instant> updatedAt() {
        return updatedAt.get();
    }

    public LoadStatistics statistics() {
        return database.get().statistics();
    }
}
