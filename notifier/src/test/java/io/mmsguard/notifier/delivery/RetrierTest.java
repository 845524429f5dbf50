package io.mmsguard.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry schedule, run by a manual scheduler: no sleeping, the delays are recorded. */
class RetrierTest {

    private final Deque<Runnable> pending = new ArrayDeque<>();
    private final List<Duration> delays = new ArrayList<>();
    private final Retrier.Scheduler manual = (task, delay) -> {
        delays.add(delay);
        pending.add(task);
    };

    private void drain() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }

    @Test
    void backOffIsExponentialAndDeterministic() {
        Retrier r = new Retrier(manual, Duration.ofSeconds(1), 2.0, 5);
        assertThat(List.of(r.delayAfter(1), r.delayAfter(2), r.delayAfter(3), r.delayAfter(4)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(8));
    }

    @Test
    void retriesUntilDelivered() {
        Retrier r = new Retrier(manual, Duration.ofMillis(100), 3.0, 5);
        AtomicInteger calls = new AtomicInteger();
        List<Integer> retries = new ArrayList<>();
        CompletableFuture<Retrier.Outcome> f = r.run(() -> CompletableFuture.completedFuture(
                calls.incrementAndGet() < 3 ? SendResult.retryable("busy") : SendResult.delivered("ok")),
                retries::add);
        drain();
        assertThat(f.join().result().delivered()).isTrue();
        assertThat(f.join().attempts()).isEqualTo(3);
        assertThat(retries).containsExactly(2, 3);
        assertThat(delays).containsExactly(Duration.ofMillis(100), Duration.ofMillis(300));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        Retrier r = new Retrier(manual, Duration.ofMillis(10), 2.0, 4);
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Retrier.Outcome> f = r.run(() -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new java.io.IOException("refused"));
        }, n -> { });
        drain();
        assertThat(f.join().result().outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(f.join().attempts()).isEqualTo(4);
        assertThat(calls).hasValue(4);
        assertThat(delays).hasSize(3);
    }

    @Test
    void permanentFailureEndsAtOnce() {
        Retrier r = new Retrier(manual, Duration.ofMillis(10), 2.0, 4);
        CompletableFuture<Retrier.Outcome> f = r.run(() -> CompletableFuture.completedFuture(
                SendResult.permanent("denied")), n -> { });
        drain();
        assertThat(f.join().attempts()).isEqualTo(1);
        assertThat(f.join().result().outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
        assertThat(delays).isEmpty();
    }
}
