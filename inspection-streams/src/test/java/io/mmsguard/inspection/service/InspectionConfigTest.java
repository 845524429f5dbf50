package io.mmsguard.inspection.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspection service's YAML file and environment, read through its declared keys. */
class InspectionConfigTest {
    private static final String REQUIRED = """
            kafka:
              bootstrap.servers: k:9092
              replication.factor: 3
            serde: {schema.registry.url: "http://r:8081"}
            """;

    @TempDir
    Path dir;

    private InspectionConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("inspection.yaml"), yaml);
        return InspectionConfig.from(Settings.load(Optional.of(file), env, InspectionConfig.KEYS));
    }

    @Test
    void kafkaAndSerdeKeysPassThroughAndDefaultsApply() throws IOException {
        InspectionConfig c = load(REQUIRED, Map.of());

        assertThat(c.kafka()).containsOnly(Map.entry("bootstrap.servers", "k:9092"),
                Map.entry("replication.factor", "3"));
        assertThat(c.serde()).containsOnly(Map.entry("schema.registry.url", "http://r:8081"));
        assertThat(c.commitInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(c.antivirus().engine()).isEqualTo("builtin");
    }

    @Test
    void aTypoFailsWithItsLineAndEveryOtherOne() {
        Path file = dir.resolve("inspection.yaml");

        assertThatThrownBy(() -> load(REQUIRED + """
                inspection:
                  standby-replica: 1
                antivirus:
                  clamd: {adress: "tcp://clamd:3310"}
                """, Map.of())).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .containsExactly(file + ":6: unknown key \"inspection.standby-replica\" (did you mean"
                                + " \"inspection.standby-replicas\"?)",
                        file + ":8: unknown key \"antivirus.clamd.adress\" (did you mean"
                                + " \"antivirus.clamd.address\"?)"));
    }

    @Test
    void theEnvironmentOverridesTheFile() throws IOException {
        InspectionConfig c = load(REQUIRED + "inspection: {advertised-host: localhost}\n", Map.of(
                "MMSGUARD_INSPECTION_ADVERTISED_HOST", "inspection-1.inspection",
                "MMSGUARD_ANTIVIRUS_CLAMD_READ_TIMEOUT", "3s", "MMSGUARD_KAFKA_SESSION_TIMEOUT_MS", "10000"));

        assertThat(c.advertisedHost()).isEqualTo("inspection-1.inspection");
        assertThat(c.antivirus().clamdReadTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.kafka()).containsEntry("session.timeout.ms", "10000");
    }

    @Test
    void aVariableThatNamesNoKeyIsRefused() {
        assertThatThrownBy(() -> load(REQUIRED, Map.of("MMSGUARD_INSPECTION_THREAD", "2")))
                .isInstanceOf(ConfigException.class).hasMessage("environment variable MMSGUARD_INSPECTION_THREAD names"
                        + " no key (did you mean MMSGUARD_INSPECTION_THREADS?)");
    }

    private static final String KEY_1 = "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void archiveKeysComeFromAFileOrTheEnvironmentWithTheCurrentKeyNamed() throws IOException {
        Path keys = Files.writeString(dir.resolve("archive-keys"), "# rotated\n" + KEY_1 + "\n");

        assertThat(load(REQUIRED, Map.of()).topology().archiveKeys()).isEmpty();
        assertThat(load(REQUIRED + "archive: {key-id: k1, keys-file: \"" + keys + "\"}\n", Map.of())
                .topology().archiveKeys()).hasValueSatisfying(k -> assertThat(k.currentId()).hasValue("k1"));
        assertThat(load(REQUIRED, Map.of("MMSGUARD_ARCHIVE_KEY_ID", "k1", "MMSGUARD_ARCHIVE_KEYS", KEY_1))
                .topology().archiveKeys()).hasValueSatisfying(k -> assertThat(k.ids()).containsExactly("k1"));
    }

    @Test
    void archiveKeysThatCannotBeUsedNameTheirKey() {
        assertThatThrownBy(() -> load(REQUIRED, Map.of("MMSGUARD_ARCHIVE_KEYS", KEY_1)))
                .hasMessage("MMSGUARD_ARCHIVE_KEYS: archive.keys: gives archive keys but archive.key-id does not say"
                        + " which one encrypts new records");
        assertThatThrownBy(() -> load(REQUIRED, Map.of("MMSGUARD_ARCHIVE_KEY_ID", "k1")))
                .hasMessageContaining("archive.key-id: names the key that encrypts the archive, but neither");
        assertThatThrownBy(() -> load(REQUIRED, Map.of("MMSGUARD_ARCHIVE_KEY_ID", "k2", "MMSGUARD_ARCHIVE_KEYS",
                KEY_1))).hasMessage("MMSGUARD_ARCHIVE_KEYS: archive.keys: the current key 'k2' is not"
                        + " among its keys [k1]");
        assertThatThrownBy(() -> load(REQUIRED, Map.of("MMSGUARD_ARCHIVE_KEY_ID", "k1", "MMSGUARD_ARCHIVE_KEYS_FILE",
                dir.resolve("missing").toString()))).hasMessageStartingWith("archive.keys-file: cannot read");
    }
}
