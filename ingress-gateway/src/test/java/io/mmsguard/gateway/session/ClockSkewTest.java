package io.mmsguard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The skew estimate from (sent, append time, acked) on a fake clock, the bound readiness follows, and its gauge. */
class ClockSkewTest {
    private static final long T = 1_700_000_000_000L;

    @Test
    void anAppendTimeWithinTheRoundTripIsNoSkew() {
        ClockSkew skew = new ClockSkew(Duration.ofSeconds(5));
        skew.observe(T, T + 40, T + 90);
        assertThat(skew.seconds()).isZero();
        assertThat(skew.withinBound()).isTrue();
    }

    @Test
    void aGatewayAheadOfTheBrokersIsMeasuredFromTheSendAndOneBehindFromTheAck() {
        ClockSkew skew = new ClockSkew(Duration.ofSeconds(5));
        skew.observe(T, T - 600_000, T + 100);
        assertThat(skew.seconds()).isEqualTo(600.0);
        skew.observe(T, T + 100 + 3_000, T + 100);
        assertThat(skew.seconds()).isEqualTo(-3.0);
    }

    @Test
    void readinessFollowsTheLastMeasurementAgainstTheBoundEitherWay() {
        ClockSkew skew = new ClockSkew(Duration.ofSeconds(5));
        skew.observe(T, T - 5_000, T + 10);
        assertThat(skew.withinBound()).as("exactly at the bound").isTrue();
        skew.observe(T, T - 5_001, T + 10);
        assertThat(skew.withinBound()).as("gateway ahead").isFalse();
        skew.observe(T, T + 10 + 5_001, T + 10);
        assertThat(skew.withinBound()).as("gateway behind").isFalse();
        skew.observe(T, T + 5, T + 10);
        assertThat(skew.withinBound()).as("clock fixed, next session measured").isTrue();
    }

    @Test
    void withoutAnyMeasurementTheClockIsAcceptableAndIdleKeepsTheLastOne() {
        ClockSkew skew = new ClockSkew(Duration.ofSeconds(5));
        assertThat(skew.withinBound()).isTrue();
        assertThat(skew.seconds()).isNaN();
        skew.observe(T, T - 60_000, T + 10);
        assertThat(skew.withinBound()).isFalse();
        skew.observe(T, -1, T + 10);
        assertThat(skew.seconds()).as("an ack without append time is no measurement").isEqualTo(60.0);
        assertThat(skew.withinBound()).isFalse();
    }

    @Test
    void theGaugeShowsTheLastMeasurementInSeconds() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ClockSkew skew = new ClockSkew(Duration.ofSeconds(5));
        new GatewayMetrics(registry).clockSkewGauge(skew);
        assertThat(registry.get("mmsguard.gateway.clock.skew").gauge().value()).isNaN();
        skew.observe(T, T - 7_500, T + 10);
        assertThat(registry.get("mmsguard.gateway.clock.skew").gauge().value()).isEqualTo(7.5);
    }

    @Test
    void aNegativeBoundIsRefused() {
        assertThatThrownBy(() -> new ClockSkew(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
