package io.mmsguard.inspection.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void fillsKnownFieldsCaseInsensitivelyAndLeavesUnknownOnes() {
        String out = Template.fill("From %sender% (%VIRUS%) %unknown% 100% %% done",
                Map.of("sender", "+491701", "virus", "Eicar"));

        assertThat(out).isEqualTo("From +491701 (Eicar) %unknown% 100% %% done");
    }

    @Test
    void valuesAreNotExpandedAgainAndDollarSignsStayLiteral() {
        String out = Template.fill("%file% / %sender%", Map.of("file", "%sender%$1\\x.exe", "sender", "+4917"));

        assertThat(out).isEqualTo("%sender%$1\\x.exe / +4917");
    }

    @Test
    void controlCharactersBecomeSpacesSoNoValueCanAddAResponseLine() {
        String out = Template.fill("file %file%", Map.of("file", "a\r\n250 OK\u2028b\u0000.exe"));

        assertThat(out).isEqualTo("file a  250 OK b .exe");
    }

    @Test
    void longValuesAreCut() {
        String out = Template.fill("[%file%]", Map.of("file", "x".repeat(1000)));

        assertThat(out).isEqualTo("[" + "x".repeat(Template.MAX_VALUE_LENGTH - 3) + "...]");
        assertThat(Template.fill("%file%", Map.of("file", "y".repeat(Template.MAX_VALUE_LENGTH))))
                .isEqualTo("y".repeat(Template.MAX_VALUE_LENGTH));
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String out = Template.fill("%file%", Map.of("file", emoji.repeat(200)));

        assertThat(out).isEqualTo(emoji.repeat(Template.MAX_VALUE_LENGTH - 3) + "...");
    }
}
