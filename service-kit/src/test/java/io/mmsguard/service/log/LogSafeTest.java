package io.mmsguard.service.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {
    @Test
    void lineBreaksAndControlCharactersNeverReachTheLogRaw() {
        String forged = "news-vasp\r\n2026-12-05 INFO accepted VASP admin\u001b[2J\u0000\u2028\u202e";

        String safe = LogSafe.text(forged);

        assertThat(safe).doesNotContain("\r", "\n", "\u001b", "\u0000", "\u2028", "\u202e")
                .isEqualTo("news-vasp\\r\\n2026-12-05 INFO accepted VASP admin\\u001b[2J\\u0000\\u2028\\u202e");
    }

    @Test
    void aBackslashIsEscapedSoThatAnEscapeCannotBeForged() {
        assertThat(LogSafe.text("a\\nb")).isEqualTo("a\\\\nb");
    }

    @Test
    void longValuesAreCutWithAMarker() {
        String safe = LogSafe.text("x".repeat(10_000));

        assertThat(safe).hasSize(LogSafe.MAX_CHARS + "...[+9744 chars]".length()).endsWith("...[+9744 chars]");
    }

    @Test
    void ordinaryTextIsUnchanged() {
        assertThat(LogSafe.text("+4917012345/TYPE=PLMN@mms.example.org Grüße 😀")).isEqualTo(
                "+4917012345/TYPE=PLMN@mms.example.org Grüße 😀");
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }
}
