package io.mmsguard.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void unlimitedNeverDefers() {
        RateLimiter r = new RateLimiter(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(r.reserve(T0)).isEqualTo(T0);
        }
    }

    @Test
    void spacesNoticesSoNoSecondHoldsMoreThanTheLimit() {
        for (int rate : new int[] {1, 3, 7, 250}) {
            RateLimiter r = new RateLimiter(rate);
            List<Instant> sends = new ArrayList<>();
            for (int i = 0; i < 3 * rate; i++) {
                sends.add(r.reserve(T0));
            }
            assertThat(sends.get(0)).isEqualTo(T0);
            for (int i = 0; i + rate < sends.size(); i++) {
                // the notice rate places after i is at least a second later
                assertThat(Duration.between(sends.get(i), sends.get(i + rate))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            }
            assertThat(sends).isSorted();
        }
    }

    @Test
    void quietTimeDoesNotBuildUpABurst() {
        RateLimiter r = new RateLimiter(2);
        assertThat(r.reserve(T0)).isEqualTo(T0);
        assertThat(r.reserve(T0)).isEqualTo(T0.plusMillis(500));
        Instant later = T0.plusSeconds(60);
        assertThat(r.peek(later)).isEqualTo(later);
        assertThat(r.reserve(later)).isEqualTo(later);
        assertThat(r.peek(later)).isEqualTo(later.plusMillis(500));
        assertThat(r.reserve(later.plusMillis(100))).isEqualTo(later.plusMillis(500));
        assertThat(r.reserve(later.plusSeconds(5))).isEqualTo(later.plusSeconds(5));
    }

    @Test
    void rejectsOutOfRangeLimits() {
        assertThatThrownBy(() -> new RateLimiter(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(251)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RateLimiter(3).spacing()).isEqualTo(Duration.ofNanos(333_333_334));
    }
}
