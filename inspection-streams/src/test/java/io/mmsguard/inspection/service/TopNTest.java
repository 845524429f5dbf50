package io.mmsguard.inspection.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The bounded heap behind {@code /state/top}: the best n of any number of items, best first. */
class TopNTest {

    @Test
    void keepsTheBestNWhateverTheOrderTheyCome() {
        TopN<Integer> top = new TopN<>(3, Comparator.<Integer>reverseOrder());
        IntStream.of(5, 1, 9, 7, 3, 9, 2, 8).forEach(top::offer);

        assertThat(top.best()).containsExactly(9, 9, 8);
    }

    @Test
    void fewerItemsThanNAreAllKept() {
        TopN<Integer> top = new TopN<>(10, Comparator.<Integer>reverseOrder());
        top.offer(1);
        top.offer(2);

        assertThat(top.best()).containsExactly(2, 1);
    }

    @Test
    void nMustBePositive() {
        assertThatThrownBy(() -> new TopN<Integer>(0, Comparator.naturalOrder()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
