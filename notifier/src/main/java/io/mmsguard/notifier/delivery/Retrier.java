package io.mmsguard.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs an attempt up to {@code maxAttempts} times while it gives {@link SendResult.Outcome#RETRYABLE}, waiting
 * {@code initial * factor^(n-1)} after the n-th failed attempt (deterministic: no jitter). A DELIVERED or PERMANENT
 * result ends at once; an attempt whose future fails counts as RETRYABLE. Waiting is done by the injected
 * {@link Scheduler}, so tests can run the schedule without sleeping.
 */
public final class Retrier {

    /** Runs {@code task} after {@code delay}. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, Duration delay);

        static Scheduler of(ScheduledExecutorService executor) {
            return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The final result and how many attempts were made. */
    public record Outcome(SendResult result, int attempts) {
    }

    private final Scheduler scheduler;
    private final Duration initial;
    private final double factor;
    private final int maxAttempts;

    public Retrier(Scheduler scheduler, Duration initial, double factor, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt: " + maxAttempts);
        }
        if (factor < 1 || initial.isNegative()) {
            throw new IllegalArgumentException("factor must be >= 1 and initial delay >= 0");
        }
        this.scheduler = scheduler;
        this.initial = initial;
        this.factor = factor;
        this.maxAttempts = maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait after the {@code failedAttempt}-th failed attempt (1-based). */
    public Duration delayAfter(int failedAttempt) {
        return Duration.ofNanos((long) (initial.toNanos() * Math.pow(factor, failedAttempt - 1)));
    }

    /** @param onRetry called with the number of the attempt about to be scheduled again (2, 3, ...) */
    public CompletableFuture<Outcome> run(Supplier<CompletableFuture<SendResult>> attempt, IntConsumer onRetry) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        attempt(1, attempt, onRetry, done);
        return done;
    }

    private void attempt(int n, Supplier<CompletableFuture<SendResult>> attempt, IntConsumer onRetry,
                         CompletableFuture<Outcome> done) {
        CompletableFuture<SendResult> f;
        try {
            f = attempt.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.completedFuture(SendResult.retryable("attempt failed: " + e));
        }
        f.handle((r, e) -> e != null ? SendResult.retryable("attempt failed: " + e) : r).thenAccept(r -> {
            if (r.outcome() != SendResult.Outcome.RETRYABLE || n >= maxAttempts) {
                done.complete(new Outcome(r, n));
                return;
            }
            onRetry.accept(n + 1);
            scheduler.schedule(() -> attempt(n + 1, attempt, onRetry, done), delayAfter(n));
        });
    }
}
