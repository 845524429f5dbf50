package io.mmsguard.inspection.scan;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class GuardedRegexTest {

    private static RegexBudget budget() {
        return RegexBudget.start(RegexLimits.DEFAULT, 100_000);
    }

    @Test
    void findsCaseInsensitivelyAnywhereInTheText() {
        GuardedRegex r = GuardedRegex.compile("fr[e3]{2} money");
        assertThat(r.find("Get FRE3 Money now", budget())).isEqualTo(GuardedRegex.Result.MATCH);
        assertThat(r.find("free time", budget())).isEqualTo(GuardedRegex.Result.NO_MATCH);
    }

    @Test
    void matchesWholeRequiresTheWholeValue() {
        GuardedRegex r = GuardedRegex.compile("\\+4917\\d+");
        assertThat(r.matchesWhole("+491701234", budget())).isEqualTo(GuardedRegex.Result.MATCH);
        assertThat(r.matchesWhole("x+491701234", budget())).isEqualTo(GuardedRegex.Result.NO_MATCH);
    }

    @Test
    void catastrophicBacktrackingIsCutOffAndReportedAsBudgetExceeded() {
        GuardedRegex evil = GuardedRegex.compile("(a+)+$");
        String attack = "a".repeat(5_000) + "b";
        // the guard must stop it; without it this runs for longer than the universe exists
        GuardedRegex.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> evil.find(attack, budget()));
        assertThat(r).isEqualTo(GuardedRegex.Result.BUDGET_EXCEEDED);
    }

    @Test
    void stepBudgetGivesTheSameAnswerWhateverTheClock() {
        // a huge time budget: only the deterministic step budget can stop it
        RegexLimits steps = new RegexLimits(100_000, 10, Duration.ofDays(1), Duration.ofDays(1));
        GuardedRegex evil = GuardedRegex.compile("(a+)+$");
        assertThat(evil.find("a".repeat(2_000) + "b", RegexBudget.start(steps, 2_001)))
                .isEqualTo(GuardedRegex.Result.BUDGET_EXCEEDED);
        // and a harmless regex on the same input stays within a budget of the same size
        assertThat(GuardedRegex.compile("a+b").find("a".repeat(2_000) + "b", RegexBudget.start(steps, 2_001)))
                .isEqualTo(GuardedRegex.Result.MATCH);
    }

    @Test
    void deepRecursionIsReportedInsteadOfOverflowingTheStack() {
        GuardedRegex evil = GuardedRegex.compile("(a|aa)+$");
        GuardedRegex.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> evil.find("a".repeat(90_000) + "!", budget()));
        assertThat(r).isEqualTo(GuardedRegex.Result.BUDGET_EXCEEDED);
    }

    @Test
    void everyCharacterIsSeenHoweverLongTheText() {
        // 100 000 chars used to be the cut-off: padding hid what followed it
        String padded = "x".repeat(3_000_000) + " needle";
        assertThat(GuardedRegex.compile("needle").find(padded, RegexBudget.start(RegexLimits.DEFAULT, padded.length())))
                .isEqualTo(GuardedRegex.Result.MATCH);
    }

    @Test
    void onePatternSpendingTheBudgetLeavesNothingForTheNextOnes() {
        GuardedRegex harmless = GuardedRegex.compile("b");
        String text = "a".repeat(30_000);
        RegexBudget alone = RegexBudget.start(RegexLimits.DEFAULT, 0);
        assertThat(harmless.find(text, alone)).isEqualTo(GuardedRegex.Result.NO_MATCH);
        long onePass = alone.used();
        assertThat(onePass).isGreaterThanOrEqualTo(30_000);

        RegexLimits small = new RegexLimits(onePass * 3 / 2, 1, Duration.ofDays(1), Duration.ofDays(1));
        RegexBudget shared = RegexBudget.start(small, 0);
        assertThat(harmless.find(text, shared)).isEqualTo(GuardedRegex.Result.NO_MATCH);
        // the second pass over the same text would fit a budget of its own, but not what is left of the shared one
        assertThat(harmless.find(text, shared)).isEqualTo(GuardedRegex.Result.BUDGET_EXCEEDED);
        assertThat(shared.exhausted()).isTrue();
        // once spent, even a match at the first character is "unknown"
        assertThat(GuardedRegex.compile("a").find(text, shared)).isEqualTo(GuardedRegex.Result.BUDGET_EXCEEDED);
    }

    @Test
    void theBudgetGrowsWithTheTextOfTheMessage() {
        RegexLimits limits = new RegexLimits(1_000, 3, Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(limits.steps(0)).isEqualTo(1_000);
        assertThat(limits.steps(10_000)).isEqualTo(31_000);
        assertThat(limits.steps(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(limits.time(2_000_000)).isEqualTo(Duration.ofSeconds(5));
        ScanRequest request = new ScanRequest("subject", java.util.List.of(
                new ScanPart(0, "text/plain", null, "utf-8", new byte[1_000]),
                new ScanPart(1, "image/jpeg", "a.jpg", null, new byte[50_000]),
                new ScanPart(2, "text/html", null, null, new byte[200])), 51_207, MmsInterface.MM1);
        assertThat(RegexBudget.textChars(request)).isEqualTo(7 + 1_000 + 200);
        assertThat(RegexBudget.forMessage(limits, request).max()).isEqualTo(1_000 + 3 * 1_207);
    }

    @Test
    void syntaxErrorsAreReportedNotThrown() {
        assertThat(GuardedRegex.syntaxError("(unclosed")).hasValueSatisfying(m -> assertThat(m).contains("index"));
        assertThat(GuardedRegex.syntaxError("ok+")).isEmpty();
    }
}
