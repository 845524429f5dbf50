package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The example in docs/configuration.md is the file ConfigCommandIntegrationTest applies, and it is valid. */
class ProfileExampleDocTest {

    @Test
    void theDocumentedExampleIsTheExampleFileAndHasNoProblems() throws IOException {
        String example = Files.readString(Path.of("examples/profiles.yaml"));

        assertThat(Files.readString(Path.of("../docs/configuration.md"))).contains("```yaml\n" + example + "```");
        ConfigDocument doc = ConfigDocument.parse(example);
        assertThat(doc.problems()).isEmpty();
        assertThat(ConfigValidator.validate(doc, java.util.Optional.of(java.util.Set.of()))).isEmpty();
    }

    @Test
    void theUnpackExampleMapsOntoTheProfilesUnpackSettingsAndIsValid() throws IOException {
        String docs = Files.readString(Path.of("../docs/configuration.md"));
        String section = docs.substring(docs.indexOf("### Archive attachments (`unpack`)"));
        int start = section.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = section.substring(start, section.indexOf("```", start));

        ConfigDocument doc = ConfigDocument.parse(yaml);
        assertThat(doc.problems()).isEmpty();
        assertThat(ConfigValidator.validate(doc, java.util.Optional.of(java.util.Set.of()))).isEmpty();
        io.mmsguard.avro.UnpackSettings unpack = doc.profiles().get(0).value().getUnpack();
        assertThat(unpack.getMaxDepth()).isEqualTo(4);
        assertThat(unpack.getUnscannableAction()).isEqualTo(io.mmsguard.avro.UnpackAction.PASS);
        assertThat(unpack.getMaxEntries()).as("a field left out takes its schema default").isEqualTo(1000);
    }
}
