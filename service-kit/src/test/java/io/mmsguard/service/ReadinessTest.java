package io.mmsguard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void readyOnlyWhenEveryConditionHoldsAndEachFailureSaysWhy() {
        AtomicBoolean a = new AtomicBoolean(true);
        AtomicBoolean b = new AtomicBoolean(true);
        Readiness readiness = Readiness.of(Readiness.Condition.of("a", a::get, "a is down"),
                new Readiness.Condition("b", () -> b.get() ? Optional.empty() : Optional.of("b since 3 s")));

        assertThat(readiness.ready()).isTrue();
        assertThat(readiness.failures()).isEmpty();

        b.set(false);
        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.failures()).extracting(Readiness.Failure::toString).containsExactly("b: b since 3 s");

        a.set(false);
        assertThat(readiness.failures()).extracting(Readiness.Failure::condition).containsExactly("a", "b");

        a.set(true);
        b.set(true);
        assertThat(readiness.ready()).isTrue();
    }

    @Test
    void anAddedConditionCountsAndTheOriginalIsUnchanged() {
        Readiness base = Readiness.of(Readiness.Condition.of("a", () -> true, "never"));
        Readiness more = base.and(Readiness.Condition.of("clock", () -> false, "10 min off the brokers"));

        assertThat(base.ready()).isTrue();
        assertThat(more.failures()).extracting(Readiness.Failure::toString)
                .containsExactly("clock: 10 min off the brokers");
    }

    @Test
    void aConditionThatThrowsFailsInsteadOfBreakingTheProbe() {
        Readiness readiness = Readiness.of(new Readiness.Condition("broken", () -> {
            throw new IllegalStateException("closed");
        }));

        assertThat(readiness.failures()).singleElement().satisfies(f -> {
            assertThat(f.condition()).isEqualTo("broken");
            assertThat(f.reason()).contains("IllegalStateException: closed");
        });
    }

    @Test
    void conditionNamesAreUnique() {
        assertThatThrownBy(() -> Readiness.of(Readiness.Condition.of("kafka", () -> true, "x"),
                Readiness.Condition.of("kafka", () -> true, "y"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachConditionIsAGauge() {
        AtomicBoolean kafka = new AtomicBoolean(true);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Readiness.of(Readiness.Condition.of("kafka", kafka::get, "down"),
                Readiness.Condition.of("threads", () -> true, "stuck")).bindTo(registry);

        assertThat(registry.get("mmsguard.readiness").tag("condition", "kafka").gauge().value()).isEqualTo(1.0);
        kafka.set(false);
        assertThat(registry.get("mmsguard.readiness").tag("condition", "kafka").gauge().value()).isEqualTo(0.0);
        assertThat(registry.get("mmsguard.readiness").tag("condition", "threads").gauge().value()).isEqualTo(1.0);
    }
}
