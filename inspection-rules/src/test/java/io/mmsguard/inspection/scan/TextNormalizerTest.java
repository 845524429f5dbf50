package io.mmsguard.inspection.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextNormalizerTest {

    private static String html(String s) {
        return TextNormalizer.normalize(s, true);
    }

    private static String plain(String s) {
        return TextNormalizer.normalize(s, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"&#115;pam", "&#x73;pam", "&#X73pam", "sp&#97;m", "s&#112&#97;m", "&#115;&#112;&#97;&#109;",
        "sp<b></b>am", "s<span style=\"color:red\">p</span>am", "sp<!-- hidden -->am", "sp<b title='a>b'>am",
        "sp&ZeroWidthSpace;am", "sp&shy;am", "sp&#8203;am", "<p>sp<i>a</i>m</p>"})
    void htmlIsMatchedAsItIsDisplayed(String written) {
        assertThat(html(written)).isEqualToIgnoringWhitespace("spam");
    }

    @Test
    void entitiesAreResolvedAfterTheMarkupIsRemoved() {
        assertThat(html("fish &amp; chips")).isEqualTo("fish & chips");
        // an escaped tag is text the reader sees, not markup
        assertThat(html("sp&lt;b&gt;am")).isEqualTo("sp<b>am");
        assertThat(html("1 &lt 2 &notin; x")).isEqualTo("1 < 2 \u2209 x");
    }

    @Test
    void blockTagsSeparateWordsAndInlineTagsJoinThem() {
        assertThat(html("<p>free</p><p>money</p>")).isEqualTo(" free  money ");
        assertThat(html("free<br>money")).isEqualTo("free money");
        assertThat(html("fr<b>ee</b> mo<u>ney</u>")).isEqualTo("free money");
    }

    @Test
    void brokenMarkupKeepsTheRestAsText() {
        assertThat(html("spam <b unterminated spam")).isEqualTo("spam <b unterminated spam");
        assertThat(html("a <!-- never closed spam")).isEqualTo("a <!-- never closed spam");
        assertThat(html("a < b and 3<4")).isEqualTo("a < b and 3<4");
    }

    @Test
    void plainTextKeepsItsMarkupAndEntitiesLiterally() {
        // a text/plain part shows "&#115;pam" to the reader, not "spam"
        assertThat(plain("&#115;pam <b>x</b>")).isEqualTo("&#115;pam <b>x</b>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sp\u200Bam", "sp\u200Cam", "sp\u200Dam", "sp\u2060am", "\uFEFFspam", "sp\u00ADam",
        "s\u200Ep\u202Eam", "sp\u034Fam", "spa\uFE0Fm"})
    void invisibleCharactersAreRemoved(String written) {
        assertThat(plain(written)).isEqualTo("spam");
        assertThat(html(written)).isEqualTo("spam");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uFF53\uFF50\uFF41\uFF4D", "\u24E2\u24DF\u24D0\u24DC", "\uD835\uDC2C\uD835\uDC29\uD835\uDC1A\uD835\uDC26"})
    void compatibilityFormsAreFolded(String written) {
        assertThat(plain(written)).isEqualTo("spam");
    }

    @Test
    void ligaturesAndCompositionAreFolded() {
        assertThat(plain("\uFB01ve")).isEqualTo("five");
        assertThat(plain("cafe\u0301")).isEqualTo("caf\u00E9");
    }

    @Test
    void plainAsciiIsReturnedAsItIs() {
        String text = "nothing to change here, " + "x".repeat(200_000);
        assertThat(plain(text)).isSameAs(text);
    }

    @Test
    void growthUnderNfkcIsBounded() {
        // U+FDFA becomes 18 characters under NFKC: a text of them would grow 18 times
        String expanding = "\uFDFA".repeat(300_000);
        String folded = plain(expanding);
        assertThat(folded.length()).isLessThanOrEqualTo(TextNormalizer.MAX_GROWTH * expanding.length());
        // while a text that merely contains some is folded as usual, with the words around it
        assertThat(plain("\uFDFA \uFF53\uFF50\uFF41\uFF4D")).endsWith(" spam").hasSize(18 + 5);
    }

    @Test
    void longTextsAreFoldedAcrossSliceBoundaries() {
        String text = "\uFF41".repeat(200_000) + " spam " + "\u00E9".repeat(70_000) + "e\u0301";
        String folded = plain(text);
        assertThat(folded).startsWith("aaaa").contains(" spam ").endsWith("\u00E9\u00E9");
        assertThat(folded).hasSize(text.length() - 1);
    }
}
