package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.K8S;
import static io.mmsguard.deploy.manifests.Manifests.name;
import static io.mmsguard.deploy.manifests.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmsguard.testkit.JvmClasspath;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strimzi is pinned: k8s/strimzi-release.properties names the release, the API it serves and the Kafka versions it
 * supports; the manifests use that API and our Kafka version, the README installs that release, and every Strimzi
 * resource (base and overlays) parses strictly with the io.strimzi:api model of that release.
 */
class StrimziManifestsTest {
    private static final Path RELEASE_FILE = K8S.resolve("strimzi-release.properties");
    private static final String STRIMZI_GROUP = "kafka.strimzi.io/";
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    /** What the pinned-release file says. */
    record PinnedRelease(String release, String apiVersion, String install, List<String> kafkaVersions) {
        static PinnedRelease read() {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(RELEASE_FILE)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new PinnedRelease(p.getProperty("release"), p.getProperty("api-version"), p.getProperty("install"),
                    List.of(p.getProperty("kafka-versions", "").split(",")));
        }
    }

    private final PinnedRelease pinned = PinnedRelease.read();

    /** The Kafka version of this build: the kafka-clients jar of the parent pom's kafka.version. */
    private static String ourKafkaVersion() {
        return AppInfoParser.getVersion();
    }

    static boolean isStrimzi(Map<String, Object> object) {
        return String.valueOf(object.get("apiVersion")).startsWith(STRIMZI_GROUP);
    }

    static List<Map<String, Object>> strimzi(List<Map<String, Object>> objects) {
        return objects.stream().filter(StrimziManifestsTest::isStrimzi).toList();
    }

    @Test
    void ourKafkaVersionIsOneThePinnedReleaseSupportsAndTheOneTheClusterRuns() {
        assertThat(pinned.kafkaVersions()).as("Kafka versions Strimzi " + pinned.release() + " supports")
                .contains(ourKafkaVersion());
        assertThat(path(Manifests.byName(Manifests.baseObjects(), "Kafka", "mmsguard"), "spec", "kafka", "version"))
                .hasToString(ourKafkaVersion());
    }

    @Test
    void theStrimziApiOfTheTestsIsThePinnedRelease() throws IOException {
        Properties api = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/io.strimzi/api/pom.properties")) {
            assertThat(in).as("io.strimzi:api on the test class path").isNotNull();
            api.load(in);
        }
        assertThat(api.getProperty("version")).as("strimzi.version in deploy/pom.xml").isEqualTo(pinned.release());
    }

    @Test
    void everyStrimziResourceUsesTheApiThePinnedReleaseServes() {
        List<Map<String, Object>> resources = strimzi(Manifests.baseObjects());
        assertThat(resources).extracting(o -> o.get("kind")).contains("Kafka", "KafkaNodePool", "KafkaTopic");
        assertThat(resources).allSatisfy(o -> assertThat(o.get("apiVersion")).as(o.get("kind") + " " + name(o))
                .isEqualTo(pinned.apiVersion()));
    }

    @Test
    void theReadmeInstallsThePinnedRelease() throws IOException {
        String readme = Files.readString(K8S.resolve("README.md"));
        assertThat(pinned.install()).contains("/" + pinned.release() + "/");
        assertThat(readme).contains(pinned.install(), "Strimzi " + pinned.release()).doesNotContain("install/latest");
    }

    @Test
    void everyStrimziResourceParsesStrictlyWithTheModelOfThePinnedRelease(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> base = Manifests.baseObjects();
        List<Path> files = new ArrayList<>();
        files.addAll(write(dir, "base", strimzi(base)));
        for (String overlay : List.of("dev", "production")) {
            files.addAll(write(dir, overlay, strimzi(Manifests.overlayObjects(overlay, base))));
        }
        ModelCheck check = modelCheck(files);
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output().lines().filter(l -> l.startsWith("OK "))).as(check.output()).hasSize(files.size());
    }

    @Test
    void theStrictParseRejectsAnUnknownFieldARemovedFieldAndAnApiVersionTheReleaseDoesNotServe(@TempDir Path dir)
            throws Exception {
        Map<String, Object> kafka = Manifests.byName(Manifests.baseObjects(), "Kafka", "mmsguard");
        Map<String, Object> topic = Manifests.ofKind(Manifests.baseObjects(), "KafkaTopic").get(0);
        List<Path> files = List.of(
                write(dir, "typo.json", Manifests.jsonPatch(kafka, List.of(Map.of("op", "add",
                        "path", "/spec/kafka/listeners/0/networkPolicyPeer", "value", List.of())), "test")),
                // spec.kafka.replicas and spec.zookeeper were v1beta2 fields; v1 has node pools and KRaft only.
                write(dir, "removed.json", Manifests.jsonPatch(kafka, List.of(Map.of("op", "add",
                        "path", "/spec/kafka/replicas", "value", 3)), "test")),
                write(dir, "v1beta2.json", Manifests.jsonPatch(topic, List.of(Map.of("op", "replace",
                        "path", "/apiVersion", "value", "kafka.strimzi.io/v1beta2")), "test")));
        ModelCheck check = modelCheck(files);
        assertThat(check.exit()).as(check.output()).isEqualTo(1);
        assertThat(check.output()).contains("FAIL typo.json: Unrecognized field \"networkPolicyPeer\"",
                "FAIL removed.json: Unrecognized field \"replicas\"",
                "FAIL v1beta2.json: apiVersion kafka.strimzi.io/v1beta2 is not served");
    }

    static List<Path> write(Path dir, String prefix, List<Map<String, Object>> resources) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Map<String, Object> r : resources) {
            files.add(write(dir, prefix + "-" + r.get("kind") + "-" + name(r) + ".json", r));
        }
        assertThat(files).as(prefix + " Strimzi resources").isNotEmpty();
        return files;
    }

    private static Path write(Path dir, String file, Map<String, Object> resource) throws IOException {
        Path out = dir.resolve(file);
        new ObjectMapper().writeValue(out.toFile(), resource);
        return out;
    }

    record ModelCheck(int exit, String output) {
    }

    /**
     * Runs {@link StrimziModelCheck} in a Java 21+ JVM, as io.strimzi:api 1.x needs. Without one the test is skipped,
     * unless MMSGUARD_REQUIRE_ORACLES=true (CI), where it fails.
     */
    static ModelCheck modelCheck(List<Path> files) throws Exception {
        Optional<Path> java = java21OrLater();
        if (java.isEmpty()) {
            assertThat(System.getenv("MMSGUARD_REQUIRE_ORACLES")).as("a Java 21+ runtime for io.strimzi:api")
                    .isNotEqualTo("true");
            Assumptions.abort("no Java 21 or later found (JAVA_HOME, /usr/lib/jvm) to load io.strimzi:api");
        }
        List<String> command = new ArrayList<>(List.of(java.get().toString(), "-cp", JvmClasspath.current(),
                StrimziModelCheck.class.getName()));
        files.forEach(f -> command.add(f.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new ModelCheck(p.exitValue(), output);
    }

    /** This JVM, JAVA_HOME or an installed JDK, whichever is first of feature version 21 or later. */
    static Optional<Path> java21OrLater() throws IOException {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(homes::add);
        for (Path root : List.of(Path.of("/usr/lib/jvm"), Path.of("/Library/Java/JavaVirtualMachines"))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> jdks = Files.list(root)) {
                    jdks.sorted().forEach(jdk -> homes.add(Files.isDirectory(jdk.resolve("Contents/Home"))
                            ? jdk.resolve("Contents/Home") : jdk));
                }
            }
        }
        for (Path home : homes) {
            Path release = home.resolve("release");
            Path java = home.resolve("bin").resolve("java");
            if (Files.isRegularFile(release) && Files.isExecutable(java)) {
                Matcher m = JAVA_VERSION.matcher(Files.readString(release));
                if (m.find() && Integer.parseInt(m.group(1)) >= 21) {
                    return Optional.of(java);
                }
            }
        }
        return Optional.empty();
    }
}
