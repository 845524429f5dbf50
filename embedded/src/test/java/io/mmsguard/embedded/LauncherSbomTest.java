package io.mmsguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;

import io.mmsguard.testkit.sbom.SbomLibraries;
import org.junit.jupiter.api.Test;

/**
 * The launcher of {@code mmsguard up} (mmsguard-embedded.jar) carries a CycloneDX SBOM naming exactly the libraries
 * of its lib/ with their versions, the Kafka broker and the registry launcher included.
 */
class LauncherSbomTest {
    @Test
    void theSbomNamesEveryLibraryOfTheLauncherAndNothingElse() throws Exception {
        Set<String> listed = SbomLibraries.listed(Path.of("target/launcher-lib.txt"));
        assertThat(listed).anySatisfy(l -> assertThat(l).startsWith("org.apache.kafka:kafka_2.13:"));
        assertThat(SbomLibraries.inSbom(Path.of("target/classes/META-INF/sbom/bom.json"),
                "io.mmsguard:mmsguard-embedded")).isEqualTo(listed);
    }
}
