package io.mmsguard.inspection.scan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WildcardTest {

    @Test
    void starMatchesAnyRunIncludingEmpty() {
        assertThat(Wildcard.matches("*.exe", "setup.exe")).isTrue();
        assertThat(Wildcard.matches("*.exe", ".exe")).isTrue();
        assertThat(Wildcard.matches("*.exe", "setup.exe.txt")).isFalse();
        assertThat(Wildcard.matches("a*b*c", "aXXbYYc")).isTrue();
        assertThat(Wildcard.matches("a*b*c", "aXXcYYb")).isFalse();
        assertThat(Wildcard.matches("*", "")).isTrue();
    }

    @Test
    void questionMarkMatchesExactlyOneChar() {
        assertThat(Wildcard.matches("v?agra", "viagra")).isTrue();
        assertThat(Wildcard.matches("v?agra", "vagra")).isFalse();
        assertThat(Wildcard.matches("v?agra", "viiagra")).isFalse();
    }

    @Test
    void manyStarsOnALongValueStayFast() {
        // exponential in a backtracking regex, O(n*m) here
        assertThat(Wildcard.matches("*a*a*a*a*a*a*a*a*b", "a".repeat(20_000))).isFalse();
    }
}
