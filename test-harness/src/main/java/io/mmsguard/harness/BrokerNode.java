package io.mmsguard.harness;

import java.time.Duration;

import io.mmsguard.testkit.BrokerProcessCluster;
import io.mmsguard.testkit.ProcessSignals;

/** One node of the deployment's {@link BrokerProcessCluster}, controlled like every other process. */
final class BrokerNode implements ManagedProcess {
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final BrokerProcessCluster cluster;
    private final int id;

    BrokerNode(BrokerProcessCluster cluster, int id) {
        this.cluster = cluster;
        this.id = id;
    }

    @Override
    public String name() {
        return "broker-" + id;
    }

    @Override
    public long pid() {
        return cluster.pid(id);
    }

    @Override
    public boolean isRunning() {
        return cluster.isRunning(id);
    }

    @Override
    public void kill() {
        long pid = pid();
        cluster.kill(id);
        requireGone(pid, "SIGKILL");
    }

    @Override
    public void stop() {
        long pid = pid();
        if (ProcessSignals.isPaused(pid)) {
            ProcessSignals.resume(pid);
        }
        cluster.stop(id);
        requireGone(pid, "SIGTERM");
    }

    @Override
    public void pause() {
        ProcessSignals.pause(pid());
    }

    @Override
    public void resume() {
        ProcessSignals.resume(pid());
    }

    /** Starts the node on its data without waiting: for a whole cluster coming back, which needs a quorum first. */
    void start() {
        cluster.startNode(id);
    }

    /** Restarts the node on its data and waits until every running node is registered and unfenced. */
    @Override
    public void restart() {
        if (isRunning()) {
            stop();
        }
        start();
        int running = (int) cluster.nodeIds().stream().filter(cluster::isRunning).count();
        cluster.awaitBrokers(running, READY_WITHIN);
    }

    private void requireGone(long pid, String signal) {
        if (cluster.isRunning(id) || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalStateException(name() + " (PID " + pid + ") still alive after " + signal);
        }
    }

    @Override
    public String toString() {
        return name() + (isRunning() ? " (PID " + pid() + ")" : " (down)");
    }
}
