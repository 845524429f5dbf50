package io.mmsguard.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The service image ({@code streams}, {@code gateway}, {@code notifier}) carries no test infrastructure: no Kafka
 * broker, no schema registry, not test-kit (whose Apicurio launcher and embedded broker belong to {@code mmsguard
 * up}, module embedded), no test framework. The list is what the build resolves for the image's {@code lib/}
 * (deploy/pom.xml: the same scope for {@code copy-dependencies} and for {@code target/image-lib.txt}).
 */
class ImageLibrariesTest {
    private static final Path LIST = Path.of("target/image-lib.txt");
    private static final Pattern ARTIFACT = Pattern.compile("^\\s+([\\w.-]+):([\\w.-]+):([\\w.-]+):(?:[\\w.-]+:)?[\\w.-]+:\\w+");
    /** The Kafka artifacts a client needs; every other org.apache.kafka artifact is the broker or its tools. */
    private static final Set<String> KAFKA_CLIENT_SIDE = Set.of("kafka-clients", "kafka-streams");
    private static final Set<String> TEST_GROUPS = Set.of("org.junit.jupiter", "org.junit.platform", "org.opentest4j",
            "org.assertj", "org.awaitility", "net.jqwik");

    /** {@code groupId:artifactId} of every library of the image. */
    static List<String> imageLibraries() throws IOException {
        assertThat(LIST).as("written by deploy/pom.xml's list-image-libs before the tests").isRegularFile();
        return Files.readAllLines(LIST).stream().map(ARTIFACT::matcher).filter(Matcher::find)
                .map(m -> m.group(1) + ":" + m.group(2)).toList();
    }

    /** Why a library must not be in the image, or null. */
    static String forbidden(String library) {
        String group = library.substring(0, library.indexOf(':'));
        String artifact = library.substring(library.indexOf(':') + 1);
        if (group.equals("org.apache.kafka") && !KAFKA_CLIENT_SIDE.contains(artifact)) {
            return "Kafka broker side (kafka_2.13, kafka-server*, kafka-metadata, kafka-raft, kafka-storage, ...)";
        }
        if (group.equals("org.apache.zookeeper") || group.startsWith("org.scala-lang")) {
            return "broker runtime";
        }
        if (group.equals("io.apicurio")) {
            return "schema registry";
        }
        if (artifact.equals("mmsguard-test-kit")) {
            return "test-kit (embedded broker, Apicurio launcher)";
        }
        if (TEST_GROUPS.contains(group)) {
            return "test framework";
        }
        return null;
    }

    @Test
    void theImageCarriesTheServicesAndNeitherABrokerNorARegistryNorTestKit() throws IOException {
        List<String> libraries = imageLibraries();
        assertThat(libraries).contains("io.mmsguard:mmsguard-inspection-streams", "io.mmsguard:mmsguard-ingress-gateway",
                "io.mmsguard:mmsguard-notifier", "org.apache.kafka:kafka-streams", "info.picocli:picocli");
        assertThat(libraries).filteredOn(l -> forbidden(l) != null)
                .as("libraries of the service image that are test infrastructure").isEmpty();
    }

    @Test
    void theRulesRecogniseWhatTheEmbeddedModeNeeds() {
        assertThat(List.of("org.apache.kafka:kafka_2.13", "org.apache.kafka:kafka-server",
                "org.apache.kafka:kafka-server-common", "org.apache.kafka:kafka-metadata", "org.apache.kafka:kafka-raft",
                "org.apache.kafka:kafka-storage", "org.apache.kafka:kafka-test-common-runtime",
                "org.apache.zookeeper:zookeeper", "org.scala-lang:scala-library", "io.apicurio:apicurio-registry-app",
                "io.mmsguard:mmsguard-test-kit", "org.junit.jupiter:junit-jupiter-api"))
                .allSatisfy(l -> assertThat(forbidden(l)).as(l).isNotNull());
        assertThat(List.of("org.apache.kafka:kafka-clients", "org.apache.kafka:kafka-streams",
                "io.mmsguard:mmsguard-notifier")).allSatisfy(l -> assertThat(forbidden(l)).as(l).isNull());
    }

    @Test
    void theDockerfileCopiesThisModulesLauncherAndLibraries() throws IOException {
        String dockerfile = Files.readString(Manifests.REPO.resolve("deploy/docker/Dockerfile"));
        assertThat(dockerfile).contains("COPY deploy/target/lib/ /opt/mmsguard/lib/",
                "COPY deploy/target/mmsguard.jar /opt/mmsguard/mmsguard.jar");
    }

    /**
     * test-harness's container tier builds the image through Testcontainers, which uses the Engine API's classic
     * builder: it refuses BuildKit's instruction flags ({@code COPY --chmod}, {@code RUN --mount}) and parser
     * directives, so the Dockerfile uses none; the wrapper's mode comes from git (the build context keeps it).
     */
    @Test
    void theDockerfileBuildsWithTheClassicBuilder() throws IOException {
        List<String> instructions = Files.readAllLines(Manifests.REPO.resolve("deploy/docker/Dockerfile")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(instructions).as("BuildKit-only flags")
                .noneMatch(l -> l.matches("^(COPY|ADD|RUN)\\s.*--(chmod|mount|link|exclude|parents|checksum)\\b.*"));
        assertThat(Files.readAllLines(Manifests.REPO.resolve("deploy/docker/Dockerfile"))).as("parser directives")
                .noneMatch(l -> l.matches("^#\\s*(syntax|check)\\s*=.*"));
        assertThat(Files.getPosixFilePermissions(Manifests.REPO.resolve("deploy/docker/mmsguard")))
                .as("the wrapper's mode, which COPY keeps").contains(PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    }
}
