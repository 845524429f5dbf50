package io.mmsguard.harness;

/**
 * A {@link Node} of a {@link Deployment} that is a process of this machine (broker, registry, clamd, inspection
 * instance, gateway, notifier), controlled by its PID with signals: {@code kill()} is SIGKILL, {@code stop()}
 * SIGTERM, {@code pause()}/{@code resume()} SIGSTOP/SIGCONT (checked in state {@code T}).
 */
public interface ManagedProcess extends Node {

    /** The PID of the current incarnation; it changes with every restart. */
    long pid();
}
