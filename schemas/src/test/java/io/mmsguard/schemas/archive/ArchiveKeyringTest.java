package io.mmsguard.schemas.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class ArchiveKeyringTest {

    @Test
    void readsLinesOrCommasAndSkipsCommentsAndBlankLines() {
        String text = "# rotated 2026-11, k1 kept for old records\n" + EnvelopeCipherTest.K2 + "\n\n " + EnvelopeCipherTest.K1 + " \n";

        assertThat(ArchiveKeyring.parse(text, "k2", "f").ids()).containsExactly("k2", "k1");
        assertThat(ArchiveKeyring.parse(EnvelopeCipherTest.K1 + "," + EnvelopeCipherTest.K2, null, "f").ids())
                .containsExactly("k1", "k2");
    }

    @Test
    void refusesWhatIsNotAnAes256KeyWithoutPrintingIt() {
        String shortKey = "k1:" + Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> ArchiveKeyring.parse(shortKey, "k1", "/run/secrets/archive-keys"))
                .hasMessage("/run/secrets/archive-keys: key 'k1' is 16 bytes; an AES-256 key is 32");
        assertThatThrownBy(() -> ArchiveKeyring.parse("k1:not base64!", "k1", "env"))
                .hasMessage("env: key 'k1' is not base64");
        assertThatThrownBy(() -> ArchiveKeyring.parse("c2VjcmV0", "k1", "env"))
                .hasMessage("env: entry 1 is not <key-id>:<base64 key>");
        assertThatThrownBy(() -> ArchiveKeyring.parse("# nothing\n", null, "env")).hasMessage("env: no key");
        assertThatThrownBy(() -> ArchiveKeyring.parse(EnvelopeCipherTest.K1 + "\n" + EnvelopeCipherTest.K1, null, "f"))
                .hasMessage("f: key 'k1' is given twice");
    }

    @Test
    void theCurrentKeyMustBeAmongTheKeys() {
        assertThatThrownBy(() -> ArchiveKeyring.parse(EnvelopeCipherTest.K1, "k2", "f"))
                .hasMessage("f: the current key 'k2' is not among its keys [k1]");
    }

    @Test
    void toStringShowsIdsOnly() {
        assertThat(ArchiveKeyring.parse(EnvelopeCipherTest.K1, "k1", "f")).hasToString("ArchiveKeyring[k1] current k1");
    }
}
