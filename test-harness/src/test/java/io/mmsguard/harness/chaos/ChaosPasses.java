package io.mmsguard.harness.chaos;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chaos passes every deployment runs, one test each in this order, on the subclass's {@link ChaosSuite}: the
 * process path ({@link ChaosIntegrationTest}, which adds the gateway clock pass as order 8) and the container tier
 * ({@link ChaosContainerIntegrationTest}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ChaosPasses {

    /** The suite the subclass started in its {@code @BeforeAll}. */
    abstract ChaosSuite suite();

    @Test
    @Order(1)
    void notifierKilledAndRestarted() {
        suite().notifierKilledAndRestarted();
    }

    @Test
    @Order(2)
    void brokerKilledAndRestarted() {
        suite().brokerKilledAndRestarted();
    }

    @Test
    @Order(3)
    void inspectionInstanceKilledAndRestarted() {
        suite().inspectionInstanceKilledAndRestarted();
    }

    @Test
    @Order(4)
    void inspectionInstancePausedLongerThanItsSessionTimeout() {
        suite().inspectionInstancePausedLongerThanItsSessionTimeout();
    }

    @Test
    @Order(5)
    void gatewayKilledAndRestarted() {
        suite().gatewayKilledAndRestarted();
    }

    @Test
    @Order(6)
    void registryStoppedAndStarted() {
        suite().registryStoppedAndStarted();
    }

    @Test
    @Order(7)
    void clamdKilledAndRestarted() {
        suite().clamdKilledAndRestarted();
    }

    @Test
    @Order(9)
    void allBrokersKilledAndStarted() {
        suite().allBrokersKilledAndStarted();
    }
}
