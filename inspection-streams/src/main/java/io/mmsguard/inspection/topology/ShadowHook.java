package io.mmsguard.inspection.topology;

import io.mmsguard.avro.MmsEnvelope;

/**
 * Called by the shadow application's head for every envelope it reads, on its stream thread, before anything else.
 * The service passes {@link #NONE}; a test passes a hook that blocks or throws, to show that a stalled or failing
 * shadow changes and delays nothing on the live path.
 */
@FunctionalInterface
public interface ShadowHook {
    ShadowHook NONE = envelope -> { };

    void before(MmsEnvelope envelope);
}
