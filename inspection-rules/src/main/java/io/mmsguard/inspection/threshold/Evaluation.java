package io.mmsguard.inspection.threshold;

import java.util.Objects;

/** The result of {@link ThresholdEvaluator#evaluate}: the state to store and what to do with the message. */
public record Evaluation(ThresholdState state, Outcome outcome) {

    public Evaluation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(outcome, "outcome");
    }
}
