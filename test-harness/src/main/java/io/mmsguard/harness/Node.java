package io.mmsguard.harness;

/**
 * A node of a deployment that a fault test controls: a process ({@link ManagedProcess}, by its PID) or a container
 * (the container tier, by its id). Every call checks that the fault really happened (gone, or frozen) and throws
 * otherwise, so a test fails at the fault it meant to inject.
 */
public interface Node {

    /** E.g. {@code broker-2}, {@code registry}, {@code inspection-0}, {@code gateway-1}, {@code notifier}. */
    String name();

    /** Alive (paused counts as alive). */
    boolean isRunning();

    /** SIGKILL ({@code kill -9}, {@code docker kill}): no shutdown hook runs, nothing is flushed or committed. */
    void kill();

    /** SIGTERM and a wait for the clean shutdown (SIGKILL after a grace period). */
    void stop();

    /**
     * Frozen (SIGSTOP, {@code docker pause}): sockets stay open and nothing answers, as with a long GC pause or a
     * frozen VM.
     */
    void pause();

    /** Thawed after {@link #pause()}. */
    void resume();

    /**
     * Starts it again with the same configuration, ports and data directories, stopping it first (SIGTERM) if it
     * still runs, and waits until it is ready.
     */
    void restart();
}
