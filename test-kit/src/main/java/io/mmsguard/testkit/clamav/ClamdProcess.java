package io.mmsguard.testkit.clamav;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.mmsguard.testkit.FreePorts;

/**
 * A clamd of our own as a child process: config, logs and PID file in {@code home}, the signature files of a given
 * directory, TCP on loopback plus a unix socket. {@link #startWith} returns once clamd answers PING (its database
 * load is the startup time); {@link #close} stops it by its own PID, never by name. Used by the tests that take
 * clamd as the oracle, by the antivirus benchmarks and by test-harness's deployments that scan with clamd (whose
 * chaos suite kills it and starts it again on the same port).
 */
public final class ClamdProcess implements AutoCloseable {
    public static final Path CLAMD = Path.of("/usr/sbin/clamd");
    public static final long STREAM_MAX_LENGTH = 1024 * 1024;
    private static final long START_TIMEOUT_SECONDS = 120;

    private final Path home;
    private final Path database;
    private final Path socket;
    private final int port;
    private final Process process;

    private ClamdProcess(Path home, Path database, Path socket, int port, Process process) {
        this.home = home;
        this.database = database;
        this.socket = socket;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts clamd on whatever signature files {@code db} holds and waits until it answers PING.
     *
     * @throws IllegalStateException when clamd exits (e.g. it refuses the database; its log is in the message) or
     *                               does not answer within two minutes
     */
    public static ClamdProcess startWith(Path home, Path db) throws IOException, InterruptedException {
        return startWith(home, db, FreePorts.next());
    }

    /**
     * As {@link #startWith(Path, Path)} on a given TCP port: to start clamd again after a fault where its clients
     * look for it (same {@code home}, so the same unix socket; clamd removes the stale socket file of a killed one).
     */
    public static ClamdProcess startWith(Path home, Path db, int port) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path socket = home.resolve("clamd.sock");
        Path config = home.resolve("clamd.conf");
        Files.writeString(config, String.join("\n",
                "Foreground yes",
                "TCPSocket " + port,
                "TCPAddr 127.0.0.1",
                "LocalSocket " + socket,
                "DatabaseDirectory " + db,
                "TemporaryDirectory " + home,
                "StreamMaxLength " + STREAM_MAX_LENGTH,
                "LogFile " + home.resolve("clamd.log"),
                "LogVerbose yes",
                "PidFile " + home.resolve("clamd.pid"),
                "MaxThreads 4",
                "Bytecode no",
                // With ScanHTML on, clamd also matches target-0 signatures against a normalised copy of text
                // content (lower-cased, whitespace and non-ASCII dropped); the built-in engine matches raw bytes
                // only, and the cross-checks compare raw-byte semantics.
                "ScanHTML no",
                ""));
        Process p = new ProcessBuilder(CLAMD.toString(), "--config-file=" + config)
                .redirectErrorStream(true).redirectOutput(home.resolve("clamd.out").toFile()).start();
        ClamdProcess clamd = new ClamdProcess(home, db, socket, port, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (!clamd.ping()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String out = read(home.resolve("clamd.out")) + read(home.resolve("clamd.log"));
                clamd.close();
                throw new IllegalStateException("clamd did not answer PING within " + START_TIMEOUT_SECONDS
                        + " s; output:\n" + out);
            }
            Thread.sleep(100);
        }
        return clamd;
    }

    /**
     * Returns when clamd is installed; otherwise fails the calling test under {@code MMSGUARD_REQUIRE_ORACLES=true}
     * (CI) and skips it (a JUnit assumption) elsewhere, as every oracle test does.
     */
    public static void requireInstalled() {
        ClamavTools.require(CLAMD, "clamav-daemon");
    }

    /** PING over TCP, without the product's client (this kit does not depend on it). */
    public boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(5);
            return new String(reply, StandardCharsets.US_ASCII).equals("PONG\0");
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    }

    public Path home() {
        return home;
    }

    public Path database() {
        return database;
    }

    /** The unix socket ({@code LocalSocket}). */
    public Path socket() {
        return socket;
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL ({@code kill -9} of its own PID), and a wait until it is gone: a crash, nothing cleaned up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("clamd (PID " + process.pid() + ") still alive 30 s after SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
