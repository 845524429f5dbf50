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
}
