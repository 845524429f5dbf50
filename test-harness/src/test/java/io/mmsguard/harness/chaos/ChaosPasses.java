package io.mmsguard.harness.chaos;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chaos passes every deployment runs, one test each in this order, on the {@link ChaosSuite} the subclass's
 * {@code @BeforeAll} started ({@link #suite}), closed after the class: the process path
 * ({@link ChaosIntegrationTest}, which adds the gateway clock pass as order 8) and the container tier
 * ({@link ChaosContainerIntegrationTest}). One test class at a time, as surefire runs them here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ChaosPasses {
    /** Set by the subclass's {@code @BeforeAll}. */
    static ChaosSuite suite;

    @AfterAll
    static void closeSuite() throws IOException {
        ChaosSuite started = suite;
        suite = null;
        if (started != null) {
            started.close();
        }
    }

    @Test
    @Order(1)
    void notifierKilledAndRestarted() {
        suite.notifierKilledAndRestarted();
    }

    @Test
    @Order(2)
    void brokerKilledAndRestarted() {
        suite.brokerKilledAndRestarted();
    }

    @Test
    @Order(3)
    void inspectionInstanceKilledAndRestarted() {
        suite.inspectionInstanceKilledAndRestarted();
    }

    @Test
    @Order(4)
    void inspectionInstancePausedLongerThanItsSessionTimeout() {
        suite.inspectionInstancePausedLongerThanItsSessionTimeout();
    }

    @Test
    @Order(5)
    void gatewayKilledAndRestarted() {
        suite.gatewayKilledAndRestarted();
    }

    @Test
    @Order(6)
    void registryStoppedAndStarted() {
        suite.registryStoppedAndStarted();
    }

    @Test
    @Order(7)
    void clamdKilledAndRestarted() {
        suite.clamdKilledAndRestarted();
    }

    @Test
    @Order(9)
    void allBrokersKilledAndStarted() {
        suite.allBrokersKilledAndStarted();
    }
}
