package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BannedWordScannerTest {

    private static BannedWordScore score(int threshold, List<BannedWord> words, String... texts) {
        List<BannedWordScanner.Text> t = Arrays.stream(texts).map(s -> new BannedWordScanner.Text(1, s)).toList();
        return new BannedWordScanner(threshold, words).score(t, RegexBudget.start(RegexLimits.DEFAULT, 1_000));
    }

    private static BannedWord simple(String p, int score) {
        return new BannedWord(p, PatternType.SIMPLE, score);
    }

    @Test
    void scoreEqualToTheThresholdDoesNotBlockOneMoreDoes() {
        List<BannedWord> words = List.of(simple("casino", 10), simple("jackpot", 10), simple("bonus", 1));
        BannedWordScore atThreshold = score(20, words, "Casino JACKPOT tonight");
        assertThat(atThreshold.total()).isEqualTo(20);
        assertThat(atThreshold.blocked()).isFalse();
        BannedWordScore over = score(20, words, "casino jackpot bonus");
        assertThat(over.total()).isEqualTo(21);
        assertThat(over.blocked()).isTrue();
        assertThat(over.describe()).contains("score 21 > threshold 20", "casino=10", "bonus=1");
    }

    @Test
    void eachPatternCountsOncePerMessageHoweverOftenItOccurs() {
        BannedWordScore s = score(15, List.of(simple("casino", 10)), "casino casino casino", "and casino again");
        assertThat(s.total()).isEqualTo(10);
        assertThat(s.matched()).hasSize(1);
        assertThat(s.blocked()).isFalse();
    }

    @Test
    void simpleMatchesWholeWordsOnlyIgnoringPunctuationAndCase() {
        List<BannedWord> w = List.of(simple("sex", 100));
        assertThat(score(0, w, "Free SEX!").blocked()).isTrue();
        assertThat(score(0, w, "(sex)").blocked()).isTrue();
        assertThat(score(0, w, "Sussex is in England").blocked()).isFalse();
    }

    @Test
    void hidingTricksWithInvisibleCharactersFullWidthLettersAndEmojiDoNotWork() {
        List<BannedWord> w = List.of(simple("casino", 10));
        assertThat(score(0, w, "cas\u200Bino").total()).as("zero-width space").isEqualTo(10);
        assertThat(score(0, w, "cas\u00ADino").total()).as("soft hyphen").isEqualTo(10);
        assertThat(score(0, w, "\uFF43\uFF41\uFF53\uFF49\uFF4E\uFF4F").total()).as("full-width").isEqualTo(10);
        assertThat(score(0, w, "casino\uD83D\uDE00").total()).as("emoji").isEqualTo(10);
        assertThat(score(0, w, "c-a-s-i-n-o").total()).as("spelled out is not the word").isZero();
    }

    @Test
    void unquotedPhraseNeedsAllWordsQuotedPhraseNeedsThemInOrder() {
        List<BannedWord> unquoted = List.of(simple("free money", 5));
        List<BannedWord> quoted = List.of(simple("\"free money\"", 5));
        String scattered = "money is never free";
        assertThat(score(0, unquoted, scattered).total()).isEqualTo(5);
        assertThat(score(0, quoted, scattered).total()).isZero();
        assertThat(score(0, quoted, "get FREE, money now").total()).isEqualTo(5);
        assertThat(score(0, unquoted, "free time").total()).isZero();
    }

    @Test
    void wildcardStaysInsideOneWord() {
        List<BannedWord> w = List.of(new BannedWord("v?agr*", PatternType.WILDCARD, 7));
        assertThat(score(0, w, "cheap V1AGRA pills").total()).isEqualTo(7);
        assertThat(score(0, w, "cheap viagra").total()).isEqualTo(7);
        assertThat(score(0, w, "vagra").total()).isZero();
        assertThat(score(0, List.of(new BannedWord("free*cash", PatternType.WILDCARD, 7)), "free and cash").total())
                .isZero();
    }

    @Test
    void regexIsFoundAnywhereCaseInsensitively() {
        List<BannedWord> w = List.of(new BannedWord("c[a@]s[i1]n[o0]", PatternType.REGEX, 9));
        assertThat(score(0, w, "best C@S1N0 in town").total()).isEqualTo(9);
        assertThat(score(0, w, "nothing here").total()).isZero();
    }

    @Test
    void exemptPatternLetsTheMessageThrough() {
        List<BannedWord> w = List.of(simple("casino", 50),
                new BannedWord("newsletter", PatternType.SIMPLE, BannedWordAction.EXEMPT, 0, true));
        BannedWordScore s = score(10, w, "casino newsletter");
        assertThat(s.total()).isEqualTo(50);
        assertThat(s.exemptBy()).isNotNull();
        assertThat(s.blocked()).isFalse();
        assertThat(s.describe()).startsWith("exempt by newsletter");
    }

    @Test
    void disabledPatternsDoNotCount() {
        List<BannedWord> w = List.of(new BannedWord("casino", PatternType.SIMPLE, BannedWordAction.BLOCK, 50, false));
        assertThat(score(0, w, "casino").matched()).isEmpty();
    }

    @Test
    void regexDosAttemptIsReportedNotScoredAndOtherPatternsStillScore() {
        List<BannedWord> w = List.of(new BannedWord("(a+)+$", PatternType.REGEX, 100), simple("hello", 3));
        BannedWordScore s = score(0, w, "hello " + "a".repeat(20_000) + "b");
        assertThat(s.budgetExceeded()).extracting(BannedWord::pattern).containsExactly("(a+)+$");
        assertThat(s.total()).isEqualTo(3);
    }

    @Test
    void textPartsAreDecodedWithTheirCharset() {
        String text = "Günstiges Casino: Gewinn für Sie";
        List<BannedWord> w = List.of(simple("günstiges", 10), simple("für", 10));
        for (Charset cs : List.of(StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
                StandardCharsets.UTF_8)) {
            ScanPart part = new ScanPart(2, "text/plain", null, cs.name(), text.getBytes(cs));
            assertThat(score(0, w, TextDecoder.decode(part)).total()).as(cs.name()).isEqualTo(20);
        }
    }

    @Test
    void missingOrUnknownCharsetMeansUtf8AndBadBytesAreReplaced() {
        byte[] bytes = "casino \u00e9".getBytes(StandardCharsets.UTF_8);
        assertThat(TextDecoder.decode(new ScanPart(1, "text/plain", null, null, bytes))).isEqualTo("casino \u00e9");
        assertThat(TextDecoder.decode(new ScanPart(1, "text/plain", null, "x-no-such-charset", bytes)))
                .isEqualTo("casino \u00e9");
        byte[] broken = {'c', 'a', 's', 'i', 'n', 'o', ' ', (byte) 0xC3, (byte) 0x28};
        String decoded = TextDecoder.decode(new ScanPart(1, "text/plain", null, "utf-8", broken));
        assertThat(decoded).startsWith("casino ").contains("\uFFFD");
        assertThat(score(0, List.of(simple("casino", 1)), decoded).total()).isEqualTo(1);
    }

    @Test
    void validationReportsEveryProblemWithItsPath() {
        assertThat(BannedWordScanner.validate(-1, List.of(
                simple("ok", 5),
                new BannedWord("(", PatternType.REGEX, 5),
                simple("!!!", 5),
                new BannedWord("x", PatternType.SIMPLE, BannedWordAction.BLOCK, -3, true),
                new BannedWord("x", null, null, 1, true))))
                .extracting(ValidationProblem::path)
                .containsExactly("bannedWordThreshold", "bannedWords[1].pattern", "bannedWords[2].pattern",
                        "bannedWords[3].score", "bannedWords[4].patternType", "bannedWords[4].action");
    }
}
