package io.mmsguard.harness;

/**
 * A process of a {@link Deployment} (broker, registry, inspection instance, gateway, notifier) that a fault test
 * controls by its PID. Every call checks that the fault really happened (the process is gone, or in state
 * {@code T}) and throws otherwise, so a test fails at the fault it meant to inject.
 */
public interface ManagedProcess {

    /** E.g. {@code broker-2}, {@code registry}, {@code inspection-0}, {@code gateway-1}, {@code notifier}. */
    String name();

    /** The PID of the current incarnation; it changes with every restart. */
    long pid();

    /** Alive (paused counts as alive). */
    boolean isRunning();

    /** SIGKILL ({@code kill -9}): no shutdown hook runs, nothing is flushed or committed. */
    void kill();

    /** SIGTERM and a wait for the clean shutdown (SIGKILL after a grace period). */
    void stop();

    /** SIGSTOP: sockets stay open and nothing answers, as with a long GC pause or a frozen VM. */
    void pause();

    /** SIGCONT after {@link #pause()}. */
    void resume();

    /**
     * Starts it again with the same configuration, ports and data directories, stopping it first (SIGTERM) if it
     * still runs, and waits until it is ready.
     */
    void restart();
}
