package io.mmsguard.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VirusTrackerTest {

    @Test
    void tracksAtMostThreeAndEvictsTheLeastRecentlySeen() {
        VirusTracker.Tracked t = VirusTracker.Tracked.EMPTY;
        for (String v : List.of("A", "B", "C")) {
            VirusTracker.Observation o = VirusTracker.observe(t, v);
            assertThat(o.isNew()).isTrue();
            assertThat(o.evicted()).isEmpty();
            t = o.tracked();
        }
        assertThat(t.viruses()).containsExactly("C", "B", "A");

        VirusTracker.Observation again = VirusTracker.observe(t, "A");   // A becomes the most recent
        assertThat(again.isNew()).isFalse();
        assertThat(again.evicted()).isEmpty();
        assertThat(again.tracked().viruses()).containsExactly("A", "C", "B");

        VirusTracker.Observation fourth = VirusTracker.observe(again.tracked(), "D");
        assertThat(fourth.isNew()).isTrue();
        assertThat(fourth.evicted()).contains("B");
        assertThat(fourth.tracked().viruses()).containsExactly("D", "A", "C").hasSize(VirusTracker.MAX_VIRUSES);

        // an evicted virus seen again is new again
        VirusTracker.Observation back = VirusTracker.observe(fourth.tracked(), "B");
        assertThat(back.isNew()).isTrue();
        assertThat(back.evicted()).contains("C");
    }

    @Test
    void namesAreComparedExactlyAndRequired() {
        VirusTracker.Tracked t = VirusTracker.observe(VirusTracker.Tracked.EMPTY, "Eicar").tracked();
        assertThat(VirusTracker.observe(t, "EICAR").isNew()).isTrue();
        assertThatThrownBy(() -> VirusTracker.observe(t, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VirusTracker.Tracked(List.of("a", "b", "c", "d")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VirusTracker.Tracked(List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
