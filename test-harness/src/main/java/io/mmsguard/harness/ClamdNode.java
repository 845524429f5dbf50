package io.mmsguard.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import io.mmsguard.harness.load.Traffic;
import io.mmsguard.testkit.FreePorts;
import io.mmsguard.testkit.ProcessSignals;
import io.mmsguard.testkit.clamav.ClamdProcess;

/**
 * The deployment's clamd (test-kit's {@link ClamdProcess}) on a fixed TCP port, so that a restart is found where the
 * inspection instances look ({@code antivirus.clamd.address}). Its database is one signature of our own: the
 * {@link Traffic#EICAR} file the load driver attaches, so clamd blocks exactly what the built-in engine would.
 */
final class ClamdNode implements ManagedProcess {
    /** clamd reports it as {@code Mmsguard.Harness.Eicar.UNOFFICIAL} (a signature outside ClamAV's signed ones). */
    static final String EICAR_SIGNATURE = "Mmsguard.Harness.Eicar";

    private final Path home;
    private final Path database;
    private final int port;
    private ClamdProcess clamd;

    private ClamdNode(Path home, Path database, int port) {
        this.home = home;
        this.database = database;
        this.port = port;
    }

    /** Writes the database under {@code home} and starts clamd; returns once it answers PING. */
    static ClamdNode start(Path home) {
        Path db = home.resolve("db");
        try {
            Files.createDirectories(db);
            // .ndb: name, target type 0 (any file), offset * (anywhere), the bytes in hex
            Files.writeString(db.resolve("harness.ndb"), EICAR_SIGNATURE + ":0:*:"
                    + HexFormat.of().formatHex(Traffic.EICAR) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the clamd database in " + db, e);
        }
        ClamdNode node = new ClamdNode(home, db, FreePorts.next());
        node.launch();
        return node;
    }

    private void launch() {
        try {
            clamd = ClamdProcess.startWith(home, database, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start clamd in " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting clamd", e);
        }
    }

    /** The value for {@code antivirus.clamd.address}. */
    String address() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public String name() {
        return "clamd";
    }

    @Override
    public synchronized long pid() {
        return clamd.pid();
    }

    @Override
    public synchronized boolean isRunning() {
        return clamd.isAlive();
    }

    @Override
    public synchronized void kill() {
        long pid = clamd.pid();
        try {
            clamd.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing clamd", e);
        }
        requireGone(pid, "SIGKILL");
    }

    @Override
    public synchronized void stop() {
        long pid = clamd.pid();
        close();
        requireGone(pid, "SIGTERM");
    }

    @Override
    public synchronized void pause() {
        ProcessSignals.pause(clamd.pid());
    }

    @Override
    public synchronized void resume() {
        ProcessSignals.resume(clamd.pid());
    }

    /** Starts it again on the same database, port and socket, and waits until it answers PING. */
    @Override
    public synchronized void restart() {
        if (clamd.isAlive()) {
            stop();
        }
        launch();
    }

    /** Stops it if it runs (SIGTERM, SIGKILL after a grace period); for the end of a test. */
    synchronized void close() {
        if (clamd.isAlive() && ProcessSignals.isPaused(clamd.pid())) {
            ProcessSignals.resume(clamd.pid());
        }
        try {
            clamd.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping clamd", e);
        }
    }

    private void requireGone(long pid, String signal) {
        if (clamd.isAlive() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || clamd.ping()) {
            throw new IllegalStateException("clamd (PID " + pid + ") still alive or answering after " + signal);
        }
    }

    @Override
    public String toString() {
        return "clamd (PID " + clamd.pid() + ", port " + port + ")";
    }
}
