package io.mmsguard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    private static final List<String> KNOWN = List.of("inspection.commit-interval", "inspection.threads",
            "kafka.bootstrap.servers");
    private static final List<String> PASS = List.of("kafka.");

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("service.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void nestedYamlBecomesDottedKeysAndDottedKafkaKeysStayWhole() throws IOException {
        Settings s = Settings.load(Optional.of(yaml("""
                inspection:
                  commit-interval: 250ms
                  threads: 2
                kafka:
                  bootstrap.servers: a:9092
                  max.poll.records: 100
                hosts: [x, y]
                """)), Map.of(), KNOWN, PASS);

        assertThat(s.duration("inspection.commit-interval", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(s.integer("inspection.threads", 1)).isEqualTo(2);
        assertThat(s.under("kafka.")).containsExactly(Map.entry("bootstrap.servers", "a:9092"),
                Map.entry("max.poll.records", "100"));
        assertThat(s.string("hosts")).isEqualTo("x,y");
    }

    @Test
    void environmentOverridesTheFileForKnownAndFileKeys() throws IOException {
        Settings s = Settings.load(Optional.of(yaml("inspection:\n  threads: 2\ncustom:\n  some-key: file\n")),
                Map.of("MMSGUARD_INSPECTION_THREADS", "4", "MMSGUARD_INSPECTION_COMMIT_INTERVAL", "1s",
                        "MMSGUARD_CUSTOM_SOME_KEY", "env", "PATH", "/bin"),
                KNOWN, PASS);

        assertThat(s.integer("inspection.threads", 1)).isEqualTo(4);
        assertThat(s.duration("inspection.commit-interval", Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.string("custom.some-key")).isEqualTo("env");
        assertThat(s.asMap()).doesNotContainKey("PATH");
    }

    @Test
    void unknownVariablesApplyOnlyUnderPassThroughPrefixes() {
        Settings s = Settings.load(Optional.empty(),
                Map.of("MMSGUARD_KAFKA_MAX_POLL_RECORDS", "7", "MMSGUARD_NOT_A_KEY", "x"), KNOWN, PASS);

        assertThat(s.asMap()).containsExactly(Map.entry("kafka.max.poll.records", "7"));
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        Settings s = Settings.of(Map.of("a", "5m", "b", "PT2S", "c", "3d", "d", "10"));

        assertThat(s.duration("a", null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.duration("b", null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.duration("c", null)).isEqualTo(Duration.ofDays(3));
        assertThatThrownBy(() -> s.duration("d", null)).isInstanceOf(ConfigException.class).hasMessageContaining("d:");
    }

    @Test
    void badValuesNameTheKey() {
        Settings s = Settings.of(Map.of("n", "ten", "b", "maybe"));

        assertThatThrownBy(() -> s.integer("n", 1)).isInstanceOf(ConfigException.class).hasMessageContaining("n:");
        assertThatThrownBy(() -> s.bool("b", true)).isInstanceOf(ConfigException.class).hasMessageContaining("b:");
        assertThatThrownBy(() -> s.string("missing")).hasMessageContaining("MMSGUARD_MISSING");
        assertThat(s.bool("absent", true)).isTrue();
    }

    @Test
    void aFileThatIsNotAMappingIsRejected() throws IOException {
        Path file = yaml("- a\n- b\n");

        assertThatThrownBy(() -> Settings.load(Optional.of(file), Map.of(), KNOWN, PASS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mapping");
    }

    @Test
    void envNameReplacesEverySeparator() {
        assertThat(Settings.envName("serde.schema.registry.url")).isEqualTo("MMSGUARD_SERDE_SCHEMA_REGISTRY_URL");
        assertThat(Settings.envName("inspection.http-port")).isEqualTo("MMSGUARD_INSPECTION_HTTP_PORT");
    }
}
