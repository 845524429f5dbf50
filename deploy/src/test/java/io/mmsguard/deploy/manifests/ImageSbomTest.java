package io.mmsguard.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;

import io.mmsguard.testkit.sbom.SbomLibraries;
import org.junit.jupiter.api.Test;

/**
 * The service image's jar carries a CycloneDX SBOM (META-INF/sbom/bom.json, written by the build) that names exactly
 * the libraries its lib/ is copied from, with their versions: deploy/pom.xml's {@code copy-dependencies} and
 * {@code list-image-libs} use one scope, and the parent's cyclonedx execution the same.
 */
class ImageSbomTest {
    @Test
    void theSbomNamesEveryLibraryOfTheImageAndNothingElse() throws Exception {
        Set<String> listed = SbomLibraries.listed(Path.of("target/image-lib.txt"));
        assertThat(listed).as("the image's libraries").hasSizeGreaterThan(20)
                .anySatisfy(l -> assertThat(l).startsWith("org.apache.kafka:kafka-streams:"));
        assertThat(SbomLibraries.inSbom(Path.of("target/classes/META-INF/sbom/bom.json"), "io.mmsguard:mmsguard-deploy"))
                .isEqualTo(listed);
    }
}
