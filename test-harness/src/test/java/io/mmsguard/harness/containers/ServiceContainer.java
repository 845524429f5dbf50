package io.mmsguard.harness.containers;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import io.mmsguard.harness.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One mmsguard service run from the image on the YAML file the process path writes for it ({@code spec}, a
 * {@link ServiceProcess} that {@code Deployment} described but never started): {@code mmsguard <the same
 * arguments>} with the deployment's directory mounted at the same path (so the file, its state directory and the
 * admin token file are where the file says), on the host's network (so its listeners and admin port are where the
 * file says, and the brokers, registry, clamd and MMSC stub on loopback are reachable), as the directory's owner (so
 * what it writes there stays the test's). Ready means {@code /health/ready} answered 200, asked through
 * {@code spec} as for a process. The container's output (every incarnation: restarts reuse the container) goes to
 * the file a process would have logged to, when it is closed.
 */
final class ServiceContainer extends ContainerNode {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceContainer.class);
    private static final int LOG_TAIL_LINES = 60;

    private final ServiceProcess spec;
    private final GenericContainer<?> container;
    private final Duration readyWithin;

    ServiceContainer(ServiceProcess spec, String image, Path mounted, Duration readyWithin) {
        this.spec = spec;
        this.readyWithin = readyWithin;
        Map<String, String> env = new HashMap<>(spec.environment());
        // the process path's heap and compiler settings, read by the image's wrapper
        env.put("MMSGUARD_JAVA_OPTS", String.join(" ", spec.jvmOptions()));
        String owner = owner(mounted);
        String path = mounted.toString();
        this.container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withEnv(env)
                .withCommand(spec.launcherArguments().toArray(String[]::new))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withUser(owner);
                    cmd.getHostConfig().withBinds(new Bind(path, new Volume(path)));
                });
    }

    /** {@code uid:gid} of the directory's owner: the container writes there as the test does. */
    private static String owner(Path dir) {
        try {
            return Files.getAttribute(dir, "unix:uid") + ":" + Files.getAttribute(dir, "unix:gid");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the owner of " + dir, e);
        }
    }

    /** Creates and starts the container; {@link #awaitReady()} waits for the service. */
    void start() {
        container.start();
        control = new ContainerControl(spec.name(), container.getContainerId());
        LOG.info("{} started in {}", spec.name(), control);
    }

    /** Waits until {@code /health/ready} answers 200; fails at once, with the output's tail, if the container exits. */
    @Override
    void awaitReady() {
        long t0 = System.nanoTime();
        await(spec.name() + " ready (" + control + ")").atMost(readyWithin).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!control.isRunning()) {
                        throw new IllegalStateException(control + " exited before it was ready:\n" + tail());
                    }
                    return spec.readiness().status() == 200;
                });
        LOG.info("{} ready in {} ms", control, (System.nanoTime() - t0) / 1_000_000);
    }

    /** What the process path's object tells of the same service: its kind, file, admin port, readiness. */
    ServiceProcess spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    private String tail() {
        List<String> lines = container.getLogs().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    /** Writes every incarnation's output to the service's log file, then removes the container. */
    void close() {
        if (control == null) {
            return;
        }
        try {
            if (control.isPaused()) {
                control.resume();
            }
            Files.writeString(spec.logFile(), container.getLogs());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: output not kept: {}", control, e.toString());
        } finally {
            container.stop();
        }
    }

    @Override
    public String toString() {
        return control == null ? spec.name() + " (not started)" : control.toString();
    }
}
