package io.mmsguard.inspection.av;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.mmsguard.testkit.FreePorts;

/**
 * A clamd of our own: config, database (only the module's test signatures) and logs in a temp directory, TCP on
 * loopback plus a unix socket. Stopped by its own PID, never by name.
 */
final class ClamdProcess implements AutoCloseable {
    static final Path CLAMD = Path.of("/usr/sbin/clamd");
    static final long STREAM_MAX_LENGTH = 1024 * 1024;

    final Path home;
    final Path database;
    final Path socket;
    final int port;
    private final Process process;

    private ClamdProcess(Path home, Path database, Path socket, int port, Process process) {
        this.home = home;
        this.database = database;
        this.socket = socket;
        this.port = port;
        this.process = process;
    }

    /** With the module's shipped test signatures. */
    static ClamdProcess start(Path home) throws IOException, InterruptedException {
        Path db = Files.createDirectories(home.resolve("db"));
        for (String resource : Databases.SHIPPED) {
            try (InputStream in = ClamdProcess.class.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, db.resolve(Path.of(resource).getFileName()));
            }
        }
        return startWith(home, db);
    }

    /** With whatever signature files {@code db} holds. */
    static ClamdProcess startWith(Path home, Path db) throws IOException, InterruptedException {
        Path socket = home.resolve("clamd.sock");
        int port = FreePorts.next();
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
                "") );
        Process p = new ProcessBuilder(CLAMD.toString(), "--config-file=" + config)
                .redirectErrorStream(true).redirectOutput(home.resolve("clamd.out").toFile()).start();
        ClamdProcess clamd = new ClamdProcess(home, db, socket, port, p);
        ClamdScanner probe = new ClamdScanner(clamd.tcp());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!probe.ping()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String out = read(home.resolve("clamd.out")) + read(home.resolve("clamd.log"));
                clamd.close();
                throw new IllegalStateException("clamd did not answer PING within 60 s; output:\n" + out);
            }
            Thread.sleep(200);
        }
        return clamd;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
    }

    ClamdConfig tcp() {
        return ClamdConfig.tcp("127.0.0.1", port).withMaxStreamBytes(STREAM_MAX_LENGTH);
    }

    ClamdConfig unix() {
        return ClamdConfig.unixSocket(socket).withMaxStreamBytes(STREAM_MAX_LENGTH);
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
