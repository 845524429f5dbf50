package io.mmsguard.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class WarningThrottleTest {

    @Test
    void oneWarningPerIntervalReportingHowManyWereNotLogged() {
        AtomicLong nanos = new AtomicLong(1_000);
        WarningThrottle t = new WarningThrottle(Duration.ofSeconds(10), nanos::get);

        assertThat(t.permit()).as("the first is warned").isZero();
        assertThat(t.permit()).isEqualTo(-1);
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(t.permit()).isEqualTo(-1);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(t.permit()).as("the interval is over: warned, with the two in between").isEqualTo(2);
        assertThat(t.permit()).isEqualTo(-1);
    }
}
