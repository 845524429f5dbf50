package io.mmsguard.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeWindowTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Sample S = new Sample("+4917012345", "EICAR", null, null, null);

    @Test
    void fiveHundredEventsInOneIntervalGiveOneImmediateNoticeAndOnePeriodicOneOf499() {
        NoticeWindow.State state = NoticeWindow.State.EMPTY;
        List<NoticeWindow.Emission> notices = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            NoticeWindow.Step step = NoticeWindow.onEvent(state, T0.plusSeconds(i), 1, S, HOUR);
            assertThat(step.decision()).isEqualTo(i == 0 ? NoticeWindow.Decision.EMIT_NOW
                    : NoticeWindow.Decision.ACCUMULATE);
            step.emission().ifPresent(notices::add);
            state = step.state();
            // nothing periodic is due inside the interval
            assertThat(NoticeWindow.flush(state, T0.plusSeconds(i), HOUR).emission()).isEmpty();
        }
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.count()).isEqualTo(1);
            assertThat(n.firstEventAt()).isEqualTo(T0);
        });
        assertThat(NoticeWindow.dueAt(state, HOUR)).contains(T0.plus(HOUR));
        assertThat(NoticeWindow.isDue(state, T0.plus(HOUR).minusMillis(1), HOUR)).isFalse();
        assertThat(NoticeWindow.isDue(state, T0.plus(HOUR), HOUR)).isTrue();

        NoticeWindow.Flush flush = NoticeWindow.flush(state, T0.plus(HOUR), HOUR);
        assertThat(flush.emission()).hasValueSatisfying(n -> {
            assertThat(n.count()).isEqualTo(499);
            assertThat(n.firstEventAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(n.lastEventAt()).isEqualTo(T0.plusSeconds(499));
            assertThat(n.sample()).isEqualTo(S);
        });
        assertThat(flush.state().hasPending()).isFalse();
        assertThat(flush.state().lastNoticeAt()).isEqualTo(T0.plus(HOUR));
        assertThat(NoticeWindow.dueAt(flush.state(), HOUR)).isEmpty();
        assertThat(NoticeWindow.flush(flush.state(), T0.plus(HOUR).plus(HOUR), HOUR).emission()).isEmpty();
    }

    @Test
    void eventsInSuccessiveIntervals() {
        // interval 1: events at 0, 10 min, 20 min; interval 2: 70 min; quiet; then 200 min
        NoticeWindow.State s = NoticeWindow.State.EMPTY;
        NoticeWindow.Step a = NoticeWindow.onEvent(s, T0, 1, S, HOUR);
        assertThat(a.decision()).isEqualTo(NoticeWindow.Decision.EMIT_NOW);
        s = a.state();
        s = NoticeWindow.onEvent(s, T0.plus(Duration.ofMinutes(10)), 1, S, HOUR).state();
        s = NoticeWindow.onEvent(s, T0.plus(Duration.ofMinutes(20)), 1, S, HOUR).state();
        assertThat(s.pending()).isEqualTo(2);

        // an event after the interval while events are pending accumulates; the flush carries all three
        NoticeWindow.Step late = NoticeWindow.onEvent(s, T0.plus(Duration.ofMinutes(70)), 1, S, HOUR);
        assertThat(late.decision()).isEqualTo(NoticeWindow.Decision.ACCUMULATE);
        NoticeWindow.Flush f = NoticeWindow.flush(late.state(), T0.plus(Duration.ofMinutes(70)), HOUR);
        assertThat(f.emission()).map(NoticeWindow.Emission::count).contains(3L);
        s = f.state();

        // within the next interval (from 70 min): accumulates
        NoticeWindow.Step b = NoticeWindow.onEvent(s, T0.plus(Duration.ofMinutes(100)), 1, S, HOUR);
        assertThat(b.decision()).isEqualTo(NoticeWindow.Decision.ACCUMULATE);
        f = NoticeWindow.flush(b.state(), T0.plus(Duration.ofMinutes(130)), HOUR);
        assertThat(f.emission()).map(NoticeWindow.Emission::count).contains(1L);
        s = f.state();

        // quiet for more than an interval with nothing pending: the next event is notified at once again
        NoticeWindow.Step c = NoticeWindow.onEvent(s, T0.plus(Duration.ofMinutes(200)), 1, S, HOUR);
        assertThat(c.decision()).isEqualTo(NoticeWindow.Decision.EMIT_NOW);
        assertThat(c.emission()).map(NoticeWindow.Emission::count).contains(1L);
    }

    @Test
    void anAlertStandingForSeveralEventsCarriesItsCount() {
        NoticeWindow.Step a = NoticeWindow.onEvent(NoticeWindow.State.EMPTY, T0, 7, S, HOUR);
        assertThat(a.emission()).map(NoticeWindow.Emission::count).contains(7L);
        NoticeWindow.Step b = NoticeWindow.onEvent(a.state(), T0.plusSeconds(1), 5, S, HOUR);
        assertThat(b.state().pending()).isEqualTo(5);
    }

    @Test
    void zeroIntervalNotifiesEveryEvent() {
        NoticeWindow.State s = NoticeWindow.State.EMPTY;
        for (int i = 0; i < 5; i++) {
            NoticeWindow.Step step = NoticeWindow.onEvent(s, T0, 1, S, Duration.ZERO);
            assertThat(step.decision()).isEqualTo(NoticeWindow.Decision.EMIT_NOW);
            s = step.state();
        }
    }

    @Test
    void outOfOrderEventsWidenThePendingSpan() {
        NoticeWindow.State s = NoticeWindow.onEvent(NoticeWindow.State.EMPTY, T0, 1, S, HOUR).state();
        s = NoticeWindow.onEvent(s, T0.plusSeconds(50), 1, S, HOUR).state();
        s = NoticeWindow.onEvent(s, T0.minusSeconds(5), 1, S, HOUR).state();
        assertThat(s.firstPendingAt()).isEqualTo(T0.minusSeconds(5));
        assertThat(s.lastPendingAt()).isEqualTo(T0.plusSeconds(50));
        assertThat(s.pending()).isEqualTo(2);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> NoticeWindow.onEvent(NoticeWindow.State.EMPTY, T0, 0, S, HOUR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeWindow.onEvent(NoticeWindow.State.EMPTY, T0, 1, S, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoticeWindow.State(T0, 1, null, null, S))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
