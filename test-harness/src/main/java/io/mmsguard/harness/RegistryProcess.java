package io.mmsguard.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.ProcessSignals;

/**
 * The deployment's Apicurio registry on a fixed port with a file database, so that a restart serves the same
 * schema ids (they are baked into every record on the topics).
 */
final class RegistryProcess implements ManagedProcess {
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    private final Path dir;
    private final int port;
    private ApicurioRegistry registry;

    private RegistryProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static RegistryProcess start(Path dir, int port) {
        RegistryProcess p = new RegistryProcess(dir, port);
        p.launch();
        return p;
    }

    private void launch() {
        registry = ApicurioRegistry.start(dir, port, dir.resolve("storage"), READY_WITHIN);
    }

    /** The Confluent-compatible API, the value for {@code serde.schema.registry.url}. */
    String url() {
        return registry.url();
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public synchronized long pid() {
        return registry.pid();
    }

    @Override
    public synchronized boolean isRunning() {
        return registry.isAlive();
    }

    @Override
    public synchronized void kill() {
        long pid = registry.pid();
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("registry PID "
                + pid + " is not running"));
        handle.destroyForcibly();
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("registry (PID " + pid + ") still alive after SIGKILL", e);
        }
        registry.close(); // dead already: only unregisters its shutdown hook
    }

    @Override
    public synchronized void stop() {
        long pid = registry.pid();
        if (ProcessSignals.isPaused(pid)) {
            ProcessSignals.resume(pid);
        }
        registry.close();
        if (registry.isAlive()) {
            throw new IllegalStateException("registry (PID " + pid + ") still alive after SIGTERM");
        }
    }

    @Override
    public synchronized void pause() {
        ProcessSignals.pause(registry.pid());
    }

    @Override
    public synchronized void resume() {
        ProcessSignals.resume(registry.pid());
    }

    @Override
    public synchronized void restart() {
        if (registry.isAlive()) {
            stop();
        }
        launch();
    }

    synchronized void close() {
        if (registry.isAlive() && ProcessSignals.isPaused(registry.pid())) {
            ProcessSignals.resume(registry.pid());
        }
        registry.close();
    }

    @Override
    public String toString() {
        return "registry (PID " + registry.pid() + ", port " + port + ")";
    }
}
