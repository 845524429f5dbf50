package io.mmsguard.harness.containers;

import io.mmsguard.harness.Node;

/**
 * A {@link Node} that is a container: every fault through its {@link ContainerControl} (set once the subclass
 * started the container), a restart the same container started again and awaited ready as the subclass says.
 */
abstract class ContainerNode implements Node {
    /** Null until the container was created and started. */
    protected ContainerControl control;

    /** Returns once the node answers as ready; throws if it exits or does not within its bound. */
    abstract void awaitReady();

    @Override
    public boolean isRunning() {
        return control != null && control.isRunning();
    }

    @Override
    public void kill() {
        control.kill();
    }

    @Override
    public void stop() {
        control.stop();
    }

    @Override
    public void pause() {
        control.pause();
    }

    @Override
    public void resume() {
        control.resume();
    }

    @Override
    public void restart() {
        if (control.isRunning()) {
            control.stop();
        }
        control.start();
        awaitReady();
    }
}
