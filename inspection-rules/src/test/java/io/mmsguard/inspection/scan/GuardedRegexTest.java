package io.mmsguard.inspection.scan;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class GuardedRegexTest {

    @Test
    void findsCaseInsensitivelyAnywhereInTheText() {
        GuardedRegex r = GuardedRegex.compile("fr[e3]{2} money", RegexLimits.DEFAULT);
        assertThat(r.find("Get FRE3 Money now")).isEqualTo(GuardedRegex.Result.MATCH);
        assertThat(r.find("free time")).isEqualTo(GuardedRegex.Result.NO_MATCH);
    }

    @Test
    void matchesWholeRequiresTheWholeValue() {
        GuardedRegex r = GuardedRegex.compile("\\+4917\\d+", RegexLimits.DEFAULT);
        assertThat(r.matchesWhole("+491701234")).isEqualTo(GuardedRegex.Result.MATCH);
        assertThat(r.matchesWhole("x+491701234")).isEqualTo(GuardedRegex.Result.NO_MATCH);
    }

    @Test
    void catastrophicBacktrackingIsCutOffAndReportedAsBudgetExceeded() {
        GuardedRegex evil = GuardedRegex.compile("(a+)+$", RegexLimits.DEFAULT);
        String attack = "a".repeat(5_000) + "b";
        // the guard must stop it; without it this runs for longer than the universe exists
        GuardedRegex.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> evil.find(attack));
        assertThat(r).isEqualTo(GuardedRegex.Result.BUDGET_EXCEEDED);
    }

    @Test
    void stepBudgetGivesTheSameAnswerWhateverTheClock() {
        // a huge time budget: only the deterministic step budget can stop it
        RegexLimits steps = new RegexLimits(100_000, 10, Duration.ofDays(1));
        GuardedRegex evil = GuardedRegex.compile("(a+)+$", steps);
        assertThat(evil.find("a".repeat(2_000) + "b")).isEqualTo(GuardedRegex.Result.BUDGET_EXCEEDED);
        // and a harmless regex on the same input stays within the same budget
        assertThat(GuardedRegex.compile("a+b", steps).find("a".repeat(2_000) + "b"))
                .isEqualTo(GuardedRegex.Result.MATCH);
    }

    @Test
    void deepRecursionIsReportedInsteadOfOverflowingTheStack() {
        GuardedRegex evil = GuardedRegex.compile("(a|aa)+$", RegexLimits.DEFAULT);
        GuardedRegex.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> evil.find("a".repeat(90_000) + "!"));
        assertThat(r).isEqualTo(GuardedRegex.Result.BUDGET_EXCEEDED);
    }

    @Test
    void inputBeyondTheCapIsNotSeen() {
        GuardedRegex r = GuardedRegex.compile("needle", new RegexLimits(10, 1_000, Duration.ofSeconds(1)));
        assertThat(r.find("0123needle")).isEqualTo(GuardedRegex.Result.MATCH);
        assertThat(r.find("0123456789needle")).isEqualTo(GuardedRegex.Result.NO_MATCH);
    }

    @Test
    void syntaxErrorsAreReportedNotThrown() {
        assertThat(GuardedRegex.syntaxError("(unclosed")).hasValueSatisfying(m -> assertThat(m).contains("index"));
        assertThat(GuardedRegex.syntaxError("ok+")).isEmpty();
    }
}
