package io.mmsguard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The back-off arithmetic on a clock the test moves. */
class FailureBackoffTest {
    private final AtomicLong now = new AtomicLong();
    private final FailureBackoff backoff = new FailureBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 3,
            now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void eachFailureDoublesTheBackoffUpToTheCap() {
        assertThat(backoff.remaining("10.0.0.1", "a")).isZero();
        for (long expected : new long[] {1, 2, 4, 8, 8}) {
            assertThat(backoff.failed("10.0.0.1", "a")).isEqualTo(Duration.ofSeconds(expected));
            assertThat(backoff.remaining("10.0.0.1", "a")).isEqualTo(Duration.ofSeconds(expected));
            advance(Duration.ofSeconds(expected));
            assertThat(backoff.remaining("10.0.0.1", "a")).isZero();
        }
    }

    @Test
    void theBackoffIsPerSourceAndIdentity() {
        backoff.failed("10.0.0.2", "a");
        assertThat(backoff.remaining("10.0.0.2", "a")).isPositive();
        assertThat(backoff.remaining("10.0.0.1", "a")).as("the same VASP elsewhere").isZero();
        assertThat(backoff.remaining("10.0.0.2", "b")).as("another VASP from there").isZero();
    }

    @Test
    void aSuccessForgetsTheFailures() {
        backoff.failed("10.0.0.1", "a");
        backoff.failed("10.0.0.1", "a");
        backoff.succeeded("10.0.0.1", "a");
        assertThat(backoff.size()).isZero();
        assertThat(backoff.failed("10.0.0.1", "a")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failuresAreForgottenOneCapAfterTheBackoffEnded() {
        backoff.failed("10.0.0.1", "a");
        backoff.failed("10.0.0.1", "a"); // 2 s
        advance(Duration.ofSeconds(2).plus(Duration.ofSeconds(8)));
        assertThat(backoff.failed("10.0.0.1", "a")).as("still remembered").isEqualTo(Duration.ofSeconds(4));
        advance(Duration.ofSeconds(4).plus(Duration.ofSeconds(8)).plusNanos(1));
        assertThat(backoff.failed("10.0.0.1", "a")).as("forgotten").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theMapIsBoundedAndEvictsThePairWhoseLastFailureIsOldest() {
        backoff.failed("10.0.0.1", "a");
        backoff.failed("10.0.0.2", "a");
        backoff.failed("10.0.0.3", "a");
        backoff.failed("10.0.0.1", "a"); // now the newest
        backoff.failed("10.0.0.4", "a");
        assertThat(backoff.size()).isEqualTo(3);
        assertThat(backoff.remaining("10.0.0.2", "a")).isZero();
        assertThat(backoff.remaining("10.0.0.1", "a")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void longIdentitiesShareOneKeyBeyondTheirPrefix() {
        String prefix = "x".repeat(FailureBackoff.MAX_IDENTITY_CHARS);
        backoff.failed("10.0.0.1", prefix + "1");
        assertThat(backoff.remaining("10.0.0.1", prefix + "2")).isPositive();
    }
}
