package io.mmsguard.inspection.av;

import static io.mmsguard.inspection.av.Databases.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mmsguard.inspection.scan.ScanFailedException;

class ClamavSignatureEngineReloadTest {
    private static final byte[] OLD_SAMPLE = bytes("....OLDSIG....");
    private static final byte[] NEW_SAMPLE = bytes("....NEWSIG....");

    @TempDir
    Path dir;

    private void write(String line) throws IOException {
        Path tmp = dir.resolve("db.tmp");
        Files.writeString(tmp, line + "\n");
        Files.move(tmp, dir.resolve("db.ndb"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void reloadSwapsWhileOtherThreadsScanAndEachScanSeesOneWholeDatabase() throws Exception {
        write("Old:0:*:" + Databases.hex("OLDSIG"));
        ClamavSignatureEngine engine = ClamavSignatureEngine.fromDirectory(dir, AvLimits.DEFAULTS);
        assertThat(engine.scan(OLD_SAMPLE)).contains("Old");
        assertThat(engine.scan(NEW_SAMPLE)).isEmpty();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger inconsistent = new AtomicInteger();
        AtomicInteger scans = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> scanners = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            scanners.add(pool.submit(() -> {
                while (!stop.get()) {
                    // Both samples in one buffer: exactly one of the two databases is in force for the scan.
                    Optional<String> v = engine.scan(bytes("OLDSIG..NEWSIG"));
                    if (v.isEmpty()) {
                        inconsistent.incrementAndGet();
                    }
                    scans.incrementAndGet();
                }
            }));
        }
        for (int i = 0; i < 20; i++) {
            write((i % 2 == 0 ? "New:0:*:" + Databases.hex("NEWSIG") : "Old:0:*:" + Databases.hex("OLDSIG")));
            assertThat(engine.reload()).isTrue();
        }
        write("New:0:*:" + Databases.hex("NEWSIG"));
        assertThat(engine.reload()).isTrue();
        stop.set(true);
        for (Future<?> f : scanners) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(inconsistent.get()).isZero();
        assertThat(scans.get()).isPositive();
        assertThat(engine.scan(NEW_SAMPLE)).contains("New");
        assertThat(engine.scan(OLD_SAMPLE)).isEmpty();
    }

    @Test
    void failedReloadKeepsTheOldDatabase() throws Exception {
        write("Old:0:*:" + Databases.hex("OLDSIG"));
        ClamavSignatureEngine engine = ClamavSignatureEngine.fromDirectory(dir, AvLimits.DEFAULTS);
        write("only garbage here");
        assertThat(engine.reload()).isFalse();
        assertThat(engine.scan(OLD_SAMPLE)).contains("Old");
        Files.delete(dir.resolve("db.ndb"));
        Files.delete(dir);
        assertThat(engine.reload()).isFalse();
        assertThat(engine.scan(OLD_SAMPLE)).contains("Old");
        assertThat(engine.statistics().bodySignatures()).isEqualTo(1);
    }

    @Test
    void engineSourceThatThrowsKeepsTheOldDatabase() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SignatureDatabase first = Databases.ndb("Old:0:*:" + Databases.hex("OLDSIG"));
        ClamavSignatureEngine engine = new ClamavSignatureEngine(() -> {
            if (calls.getAndIncrement() == 0) {
                return first;
            }
            throw new IllegalStateException("compiler bug");
        }, 1024);
        assertThat(engine.reload()).isFalse();
        assertThat(engine.scan(OLD_SAMPLE)).contains("Old");
    }

    @Test
    void contentOverTheLimitFailsTheScan() throws Exception {
        ClamavSignatureEngine engine = new ClamavSignatureEngine(
                () -> Databases.ndb("Old:0:*:" + Databases.hex("OLDSIG")), 16);
        assertThat(engine.scan(new byte[16])).isEmpty();
        assertThatThrownBy(() -> engine.scan(new byte[17])).isInstanceOf(ScanFailedException.class);
    }

    @Test
    void watcherReloadsWhenAFileChanges() throws Exception {
        write("Old:0:*:" + Databases.hex("OLDSIG"));
        ClamavSignatureEngine engine = ClamavSignatureEngine.fromDirectory(dir, AvLimits.DEFAULTS);
        AtomicInteger reloads = new AtomicInteger();
        try (SignatureDirectoryWatcher watcher = new SignatureDirectoryWatcher(dir, Duration.ofHours(1), () -> {
            reloads.incrementAndGet();
            engine.reload();
        })) {
            watcher.poll();
            assertThat(reloads.get()).as("no change, no reload").isZero();
            Files.writeString(dir.resolve("extra.ndb"), "New:0:*:" + Databases.hex("NEWSIG") + "\n");
            watcher.poll();
            assertThat(reloads.get()).isEqualTo(1);
            assertThat(engine.scan(NEW_SAMPLE)).contains("New");
            assertThat(engine.scan(OLD_SAMPLE)).contains("Old");
            watcher.poll();
            assertThat(reloads.get()).isEqualTo(1);
        }
    }

    @Test
    void watcherPollsOnItsOwn() throws Exception {
        write("Old:0:*:" + Databases.hex("OLDSIG"));
        ClamavSignatureEngine engine = ClamavSignatureEngine.fromDirectory(dir, AvLimits.DEFAULTS);
        try (SignatureDirectoryWatcher watcher = new SignatureDirectoryWatcher(dir, Duration.ofMillis(50),
                engine::reload)) {
            write("New:0:*:" + Databases.hex("NEWSIG") + "\nOther:0:*:" + Databases.hex("OTHERSIG"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (engine.scan(NEW_SAMPLE).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(engine.scan(NEW_SAMPLE)).contains("New");
        }
    }
}
