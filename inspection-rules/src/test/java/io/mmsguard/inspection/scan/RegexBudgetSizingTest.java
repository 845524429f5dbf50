package io.mmsguard.inspection.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.inspection.profile.ScannerRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The default regex budget is sized so that the largest supported message, 16 MiB of ordinary text, is scanned to
 * its end by a word list of typical REGEX patterns without running out: the budget bounds an attack, not mail.
 * Prints the steps and time it took (the figures in docs/configuration.md).
 */
class RegexBudgetSizingTest {

    private static final String[] WORDS = {"the", "meeting", "is", "moved", "to", "thursday", "at", "noon", "please",
        "bring", "your", "notes", "and", "a", "copy", "of", "report", "we", "will", "discuss", "budget", "for", "next",
        "quarter", "thanks", "best", "regards", "see", "you", "soon", "photo", "attached", "from", "holiday", "beach"};

    /** Shapes operators write: alternatives, character classes for look-alike digits, bounded gaps, anchors. */
    private static final List<String> REGEX = List.of("fr[e3]{2}\\s+m[o0]n[e3]y", "c[a4]s[i1]n[o0]", "v[i1]agr[a4]",
            "(?:cheap|discount)\\s+(?:pills|meds)", "win\\w*\\s+(?:a|the)\\s+prize", "\\blott?ery\\b",
            "bit\\s*coin\\s+(?:double|giveaway)", "click\\s+(?:here|now)", "\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}\\b",
            "https?://\\S+\\.(?:ru|cn|tk)\\b", "(?i)password\\s*(?:reset|expired)", "\\bunsubscribe\\b",
            "act\\s+now", "limited\\s+time\\s+offer", "100%\\s+free", "no\\s+credit\\s+check", "wire\\s+transfer",
            "(?:\\$|usd)\\s?\\d+(?:,\\d{3})*\\s+(?:cash|prize)", "dear\\s+(?:friend|beneficiary)", "inheritance\\s+fund");

    private static String ordinaryText(int chars) {
        Random random = new Random(15);
        StringBuilder s = new StringBuilder(chars + 16);
        int line = 0;
        while (s.length() < chars) {
            String w = WORDS[random.nextInt(WORDS.length)];
            s.append(w);
            line += w.length() + 1;
            if (line > 70) {
                s.append(".\r\n");
                line = 0;
            } else {
                s.append(' ');
            }
        }
        s.setLength(chars);
        return s.toString();
    }

    @Test
    void sixteenMebibytesOfOrdinaryTextDoNotExhaustTheDefaultBudget() {
        List<BannedWord> words = new ArrayList<>();
        REGEX.forEach(r -> words.add(new BannedWord(r, PatternType.REGEX, 1)));
        words.add(new BannedWord("casino", PatternType.SIMPLE, 1));
        words.add(new BannedWord("\"free money\"", PatternType.SIMPLE, 1));
        ScanSettings mm3 = new ScanSettings(false, false, true, false, false, false, 32 * 1024,
                OversizeAction.BLOCK);
        ScanProfile profile = new ScanProfile(Map.of(MmsInterface.MM3, mm3), List.of(), 100, words, List.of());
        ContentScanPipeline pipeline = ScannerRegistry.standard()
                .pipeline(profile, new ScanEnvironment(content -> Optional.empty()));

        byte[] text = ordinaryText(16 << 20).getBytes(StandardCharsets.US_ASCII);
        ScanRequest request = new ScanRequest("weekly notes", List.of(new ScanPart(0, "text/plain", null, "us-ascii",
                text)), text.length, MmsInterface.MM3);
        RegexBudget budget = RegexBudget.forMessage(RegexLimits.DEFAULT, request);
        long start = System.nanoTime();
        ContentScanResult r = pipeline.scan(request, budget);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("RegexBudgetSizingTest: %d chars, %d REGEX patterns: %d of %d steps (%.1f per char, %.1f%%)"
                        + " in %d ms%n", text.length, REGEX.size(), budget.used(), budget.max(),
                (double) budget.used() / text.length, 100.0 * budget.used() / budget.max(), millis);

        assertThat(budget.exhausted()).isFalse();
        assertThat(r.verdict()).isEqualTo(ContentVerdict.PASS);
        assertThat(budget.used()).as("every pattern read the whole text").isGreaterThan((long) REGEX.size() * text.length / 2);
    }
}
