package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimeOrderedMergeTest {

    private static List<String> drain(TimeOrderedMerge<Integer, String> merge) {
        List<String> out = new ArrayList<>();
        for (var next = merge.next(); next.isPresent(); next = merge.next()) {
            out.add(next.get());
        }
        return out;
    }

    @Test
    void nothingIsGivenOutWhileASourceThatMaySendHasNothingWaiting() {
        TimeOrderedMerge<Integer, String> merge = new TimeOrderedMerge<>(List.of(0, 1), 10);
        merge.add(0, 30, "a30");
        merge.add(0, 50, "a50");

        assertThat(drain(merge)).as("source 1 may still send something earlier").isEmpty();

        merge.add(1, 10, "b10");
        merge.add(1, 40, "b40");
        assertThat(drain(merge)).containsExactly("b10", "a30", "b40");

        merge.ended(1);
        assertThat(drain(merge)).containsExactly("a50");
        assertThat(merge.done()).isFalse();
        merge.ended(0);
        assertThat(merge.done()).isTrue();
    }

    @Test
    void endedSourcesDoNotHoldTheOthersBack() {
        TimeOrderedMerge<Integer, String> merge = new TimeOrderedMerge<>(List.of(0, 1, 2), 10);
        merge.ended(2);
        merge.add(0, 20, "a20");
        merge.add(1, 20, "b20");
        merge.ended(0);
        merge.ended(1);

        assertThat(drain(merge)).as("ties by source order").containsExactly("a20", "b20");
        assertThat(merge.done()).isTrue();
    }

    @Test
    void aSourceIsFullAtItsBoundAndFreeAgainOnceARecordIsTaken() {
        TimeOrderedMerge<Integer, String> merge = new TimeOrderedMerge<>(List.of(0, 1), 2);
        merge.add(0, 1, "a1");
        merge.add(0, 2, "a2");
        assertThat(merge.full(0)).isTrue();
        assertThat(merge.full(1)).isFalse();

        merge.add(1, 5, "b5");
        assertThat(drain(merge)).containsExactly("a1", "a2");
        assertThat(merge.full(0)).isFalse();
    }
}
