package io.mmsguard.inspection.av;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a signature directory and reloads the engine when the set of signature files, or one's size or
 * last-modified time, changes. Polling rather than a {@code WatchService}: it works the same on every file system
 * (including network and container mounts where watch events are not delivered) and needs no extra dependency.
 * A change seen while a file is still being written triggers a reload that may fail or load a partial file; the
 * next poll sees the final state and reloads again.
 */
public final class SignatureDirectoryWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignatureDirectoryWatcher.class);

    private final Path directory;
    private final Runnable reload;
    private final ScheduledExecutorService timer;
    private List<String> lastFingerprint;

    /**
     * @param reload called from the watcher's thread after a change, typically {@code engine::reload}
     */
    public SignatureDirectoryWatcher(Path directory, Duration interval, Runnable reload) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.directory = directory;
        this.reload = reload;
        this.lastFingerprint = fingerprint();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "av-signature-watcher");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One poll; public so tests and an ops command can trigger it without waiting. */
    public synchronized void poll() {
        try {
            List<String> now = fingerprint();
            if (!now.equals(lastFingerprint)) {
                LOG.info("signature files in {} changed, reloading", directory);
                lastFingerprint = now;
                reload.run();
            }
        } catch (RuntimeException e) {
            // A dying scheduled task would stop all future polls silently.
            LOG.error("signature directory poll failed", e);
        }
    }

    private List<String> fingerprint() {
        List<String> f = new ArrayList<>();
        try {
            for (Path p : SignatureDatabaseLoader.signatureFiles(directory)) {
                f.add(p.getFileName() + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis());
            }
        } catch (IOException e) {
            f.add("unreadable: " + e.getMessage());
        }
        return f;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
