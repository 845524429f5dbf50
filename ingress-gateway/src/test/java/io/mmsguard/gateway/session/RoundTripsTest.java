package io.mmsguard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RoundTripsTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final RoundTrips trips = new RoundTrips(3, Duration.ofSeconds(10), now::get);

    private void advance(int seconds) {
        now.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    private void fail(int sessions) {
        for (int i = 0; i < sessions; i++) {
            trips.failed(now.get());
        }
    }

    @Test
    void tripsAfterTheGivenFailuresInARowAndADecisionClearsIt() {
        fail(2);
        trips.decided();
        fail(2);
        assertThat(trips.problem()).as("a decision between breaks the row").isEmpty();

        fail(1);
        assertThat(trips.problem()).hasValue("the last 3 sessions got no decision (timed out or not published)");

        trips.decided();
        assertThat(trips.problem()).isEmpty();
    }

    @Test
    void holdsAgainAfterTheHoldWhenNoMoreSessionsFailedSoThatNotReadyIsNotForever() {
        fail(3);
        advance(10);
        assertThat(trips.problem()).as("at the hold").isPresent();
        advance(1);
        assertThat(trips.problem()).isEmpty();
        fail(2);
        assertThat(trips.problem()).as("a new row must be full again").isEmpty();
        fail(1);
        assertThat(trips.problem()).isPresent();
    }

    @Test
    void staysTrippedPastTheHoldWhileSessionsKeepFailing() {
        fail(3);
        advance(5);
        fail(3);
        advance(6);
        assertThat(trips.problem()).isPresent();
        advance(11);
        assertThat(trips.problem()).as("nothing failed in the second hold").isEmpty();
    }

    @Test
    void failuresOfSessionsStartedBeforeKafkaCameBackDoNotCount() {
        long duringOutage = now.get();
        fail(3);
        advance(2);
        trips.rearm();
        assertThat(trips.problem()).isEmpty();

        for (int i = 0; i < 5; i++) {
            trips.failed(duringOutage);
        }
        assertThat(trips.problem()).as("they timed out after the outage ended").isEmpty();
        fail(3);
        assertThat(trips.problem()).isPresent();
    }
}
