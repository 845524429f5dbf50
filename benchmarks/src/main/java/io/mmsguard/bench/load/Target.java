package io.mmsguard.bench.load;

import java.util.concurrent.CompletableFuture;

/** Where a scenario sends a planned message; the future says how it was answered (never null, may fail). */
interface Target extends AutoCloseable {

    enum Verdict { PASSED, BLOCKED, ERROR }

    /** @param answeredAt {@link System#nanoTime()} when the client had its answer: the end of its latency */
    record Outcome(Verdict verdict, String detail, long answeredAt) {
        static Outcome passed() {
            return new Outcome(Verdict.PASSED, null, System.nanoTime());
        }

        static Outcome blocked() {
            return new Outcome(Verdict.BLOCKED, null, System.nanoTime());
        }

        static Outcome error(String detail) {
            return new Outcome(Verdict.ERROR, detail, System.nanoTime());
        }

        Outcome answeredAt(long nanos) {
            return new Outcome(verdict, detail, nanos);
        }
    }

    CompletableFuture<Outcome> send(TrafficPlan.Planned message);

    @Override
    default void close() throws Exception {
    }
}
