package io.mmsguard.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every event is counted in exactly one notice; notices of one key are at least an interval apart. */
class NoticeWindowProperties {

    private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

    /** An event (count &gt; 0) or a flush attempt (count 0), {@code gap} seconds after the previous step. */
    record Op(long gapSeconds, int count) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.longs().between(0, 4000),
                Arbitraries.integers().between(0, 5)).as(Op::new);
        return op.list().ofMaxSize(300);
    }

    @Property(tries = 300)
    void eachEventIsCountedInExactlyOneNotice(@ForAll("ops") List<Op> ops,
                                              @ForAll("minutes") int intervalMinutes) {
        Duration interval = Duration.ofMinutes(intervalMinutes);
        NoticeWindow.State s = NoticeWindow.State.EMPTY;
        Instant now = T0;
        long events = 0;
        long notified = 0;
        Instant lastNotice = null;
        for (Op op : ops) {
            now = now.plusSeconds(op.gapSeconds());
            NoticeWindow.Emission e;
            if (op.count() > 0) {
                events += op.count();
                NoticeWindow.Step step = NoticeWindow.onEvent(s, now, op.count(), Sample.NONE, interval);
                s = step.state();
                e = step.emission().orElse(null);
            } else {
                NoticeWindow.Flush f = NoticeWindow.flush(s, now, interval);
                s = f.state();
                e = f.emission().orElse(null);
            }
            if (e != null) {
                notified += e.count();
                if (lastNotice != null) {
                    assertThat(Duration.between(lastNotice, now)).isGreaterThanOrEqualTo(interval);
                }
                lastNotice = now;
            }
            assertThat(NoticeStateCodec.decode(NoticeStateCodec.encode(s))).isEqualTo(s);
        }
        assertThat(notified + s.pending()).isEqualTo(events);
    }

    @Provide
    Arbitrary<Integer> minutes() {
        return Arbitraries.integers().between(0, 120);
    }
}
