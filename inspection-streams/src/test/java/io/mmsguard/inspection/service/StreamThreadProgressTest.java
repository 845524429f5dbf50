package io.mmsguard.inspection.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class StreamThreadProgressTest {
    private final AtomicLong now = new AtomicLong();
    private final StreamThreadProgress progress = new StreamThreadProgress(Duration.ofSeconds(30), now::get);

    private void at(int seconds, StreamThreadProgress.Sample... samples) {
        now.set(Duration.ofSeconds(seconds).toNanos());
        progress.observe(List.of(samples));
    }

    private static StreamThreadProgress.Sample thread(String name, int activeTasks, double count) {
        return new StreamThreadProgress.Sample(name, activeTasks, count);
    }

    @Test
    void notReadyBeforeTheFirstSampleAndWithoutALiveThread() {
        assertThat(progress.problem()).hasValue("stream threads not sampled yet");
        at(0);
        assertThat(progress.problem()).hasValue("no stream thread is alive");
        at(1, thread("t-1", 2, 5));
        assertThat(progress.problem()).isEmpty();
    }

    @Test
    void aThreadWithActiveTasksThatStandsStillLongerThanTheLimitFailsAndRecoversWhenItMoves() {
        at(0, thread("t-1", 2, 10), thread("t-2", 1, 7));
        at(30, thread("t-1", 2, 10), thread("t-2", 1, 90));
        assertThat(progress.problem()).as("30 s still is the limit, not over it").isEmpty();

        at(31, thread("t-1", 2, 10), thread("t-2", 1, 95));
        assertThat(progress.problem()).hasValue(
                "stream thread t-1 with 2 active tasks made no progress (poll, process, commit) for 31 s");

        at(32, thread("t-1", 2, 11), thread("t-2", 1, 99));
        assertThat(progress.problem()).isEmpty();
    }

    @Test
    void aThreadWithoutActiveTasksMayStandStill() {
        at(0, thread("t-1", 0, 3));
        at(300, thread("t-1", 0, 3));
        assertThat(progress.problem()).isEmpty();
    }

    @Test
    void aReplacedThreadStartsItsOwnClock() {
        at(0, thread("t-1", 1, 4));
        at(20, thread("t-2", 1, 0));
        at(45, thread("t-2", 1, 0));
        assertThat(progress.problem()).as("t-2 still for 25 s only").isEmpty();
        at(51, thread("t-2", 1, 0));
        assertThat(progress.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("stream thread t-2 "));
    }
}
