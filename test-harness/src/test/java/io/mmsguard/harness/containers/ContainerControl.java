package io.mmsguard.harness.containers;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.testcontainers.DockerClientFactory;

/**
 * One container controlled as the process path controls a PID, through the Engine API: {@code docker kill} (SIGKILL),
 * {@code docker stop} (SIGTERM, SIGKILL after the grace period), {@code docker pause}/{@code unpause} (the cgroup
 * freezer), {@code docker start} of the same container (its configuration, network and mounts unchanged). Every
 * call checks that the state it asked for was reached and throws otherwise, as {@code ManagedProcess} does.
 */
final class ContainerControl {
    private static final Duration STATE_WITHIN = Duration.ofSeconds(30);
    private static final int STOP_GRACE_SECONDS = 30;

    private final DockerClient docker = DockerClientFactory.instance().client();
    private final String name;
    private final String id;

    ContainerControl(String name, String id) {
        this.name = name;
        this.id = id;
    }

    String id() {
        return id;
    }

    /** Running (paused counts as running, as the engine reports it). */
    boolean isRunning() {
        return Boolean.TRUE.equals(state().getRunning());
    }

    boolean isPaused() {
        return Boolean.TRUE.equals(state().getPaused());
    }

    void kill() {
        docker.killContainerCmd(id).exec();
        awaitState(false, "docker kill");
    }

    void stop() {
        if (isPaused()) {
            resume(); // a frozen process cannot handle SIGTERM
        }
        docker.stopContainerCmd(id).withTimeout(STOP_GRACE_SECONDS).exec();
        awaitState(false, "docker stop");
    }

    void pause() {
        docker.pauseContainerCmd(id).exec();
        if (!isPaused()) {
            throw new IllegalStateException(this + " not paused after docker pause");
        }
    }

    void resume() {
        docker.unpauseContainerCmd(id).exec();
        if (isPaused()) {
            throw new IllegalStateException(this + " still paused after docker unpause");
        }
    }

    void start() {
        docker.startContainerCmd(id).exec();
        awaitState(true, "docker start");
    }

    private InspectContainerResponse.ContainerState state() {
        return docker.inspectContainerCmd(id).exec().getState();
    }

    /** The engine reports a container's exit shortly after the signal: polled, bounded. */
    private void awaitState(boolean running, String what) {
        await(this + (running ? " running" : " gone") + " after " + what).atMost(STATE_WITHIN)
                .pollInterval(Duration.ofMillis(100)).until(() -> isRunning() == running);
    }

    @Override
    public String toString() {
        return name + " (container " + id.substring(0, Math.min(12, id.length())) + ")";
    }
}
