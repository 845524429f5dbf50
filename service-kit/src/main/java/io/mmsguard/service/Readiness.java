package io.mmsguard.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A service's readiness as named conditions, all of which must hold: {@code /health/ready} answers 503 with one line
 * per failing condition ({@code name: why}), so an operator sees which one failed. Each condition is also a gauge,
 * {@code mmsguard_readiness{condition}} (1 holds, 0 fails). Conditions are asked on every probe and every scrape, so
 * each must be cheap: anything that talks to a broker runs on its own schedule (e.g. {@link KafkaReachability}) and
 * the condition reads its last result.
 */
public final class Readiness {

    /** One condition: empty when it holds, otherwise why not. */
    public record Condition(String name, Supplier<Optional<String>> problem) {
        public Condition {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(problem, "problem");
        }

        /** A condition that is a plain boolean, with a fixed reason when it is false. */
        public static Condition of(String name, BooleanSupplier holds, String whyNot) {
            return new Condition(name, () -> holds.getAsBoolean() ? Optional.empty() : Optional.of(whyNot));
        }
    }

    /** A condition that does not hold, and why. */
    public record Failure(String condition, String reason) {
        @Override
        public String toString() {
            return condition + ": " + reason;
        }
    }

    private final List<Condition> conditions;

    private Readiness(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
        Set<String> names = new LinkedHashSet<>();
        for (Condition c : this.conditions) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("two readiness conditions named " + c.name());
            }
        }
    }

    public static Readiness of(Condition... conditions) {
        return new Readiness(List.of(conditions));
    }

    public static Readiness of(List<Condition> conditions) {
        return new Readiness(conditions);
    }

    /** This readiness with one more condition. */
    public Readiness and(Condition condition) {
        List<Condition> all = new ArrayList<>(conditions);
        all.add(condition);
        return new Readiness(all);
    }

    /** The conditions that fail now, in declaration order; empty when ready. */
    public List<Failure> failures() {
        List<Failure> failures = new ArrayList<>();
        for (Condition c : conditions) {
            failing(c).ifPresent(why -> failures.add(new Failure(c.name(), why)));
        }
        return failures;
    }

    public boolean ready() {
        return failures().isEmpty();
    }

    /** Registers {@code mmsguard.readiness{condition}}: 1 while the condition holds, 0 while it fails. */
    Readiness bindTo(MeterRegistry registry) {
        for (Condition c : conditions) {
            Gauge.builder("mmsguard.readiness", () -> failing(c).isPresent() ? 0 : 1).tag("condition", c.name())
                    .description("Whether this readiness condition holds (1) or fails (0)").register(registry);
        }
        return this;
    }

    /** A condition that throws fails with the exception as its reason: a probe must not turn into a 500. */
    private static Optional<String> failing(Condition c) {
        try {
            return c.problem().get();
        } catch (RuntimeException e) {
            return Optional.of("check failed: " + e);
        }
    }
}
