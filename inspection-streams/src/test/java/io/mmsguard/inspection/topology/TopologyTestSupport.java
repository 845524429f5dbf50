package io.mmsguard.inspection.topology;

import java.nio.file.Path;
import java.time.Instant;

import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the topology test classes share: the registry-backed fixture, a fresh driver per test, event times. */
@ExtendWith(SharedRegistry.class)
abstract class TopologyTestSupport {

    @TempDir
    Path stateDir;
    TopologyFixture fx;

    @BeforeAll
    static void registry(ApicurioRegistry registry) {
        TopologyFixture.init(registry);
    }

    @BeforeEach
    void start() {
        fx = new TopologyFixture(stateDir);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /** {@code T0} plus the given milliseconds: the envelope's receivedAt, the thresholds' event time. */
    static Instant at(long millis) {
        return TopologyFixture.T0.plusMillis(millis);
    }
}
