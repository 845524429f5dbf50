package io.mmsguard.inspection.threshold;

import java.util.List;

/** One key fed message by message, as the topology would: keeps the state between evaluations. */
final class Keys {

    /** A whole hour in epoch millis, so every bucket of every window starts on it. */
    static final long T0 = 1_764_000_000_000L;
    static final long SECOND = 1_000L;
    static final long MINUTE = 60_000L;

    private ThresholdState state = ThresholdState.EMPTY;
    private List<Threshold> thresholds;

    Keys(Threshold... thresholds) {
        this.thresholds = List.of(thresholds);
    }

    Outcome send(long time) {
        Evaluation e = ThresholdEvaluator.evaluate(state, time, thresholds);
        state = e.state();
        return e.outcome();
    }

    /** Sends {@code n} messages at {@code time}; returns the last outcome. */
    Outcome send(long time, int n) {
        Outcome last = null;
        for (int i = 0; i < n; i++) {
            last = send(time);
        }
        return last;
    }

    void profile(Threshold... newThresholds) {
        this.thresholds = List.of(newThresholds);
    }

    ThresholdState state() {
        return state;
    }

    List<ThresholdView> explain(long time) {
        return ThresholdEvaluator.explain(state, time, thresholds);
    }
}
