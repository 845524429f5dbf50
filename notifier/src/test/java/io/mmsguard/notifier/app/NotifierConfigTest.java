package io.mmsguard.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmsguard.schemas.Topics;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierConfigTest {
    private static final Map<String, String> REQUIRED = Map.of("kafka.bootstrap.servers", "k:9092",
            "serde.schema.registry.url", "http://r:8081");
    private static final String REQUIRED_YAML = """
            kafka: {bootstrap.servers: "k:9092"}
            serde: {schema.registry.url: "http://r:8081"}
            """;

    @TempDir
    Path dir;

    private NotifierConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("notifier.yaml"), yaml);
        return NotifierConfig.from(Settings.load(Optional.of(file), env, NotifierConfig.KEYS));
    }

    @Test
    void defaults() {
        NotifierConfig c = NotifierConfig.from(Settings.of(REQUIRED));
        assertThat(c.applicationId()).isEqualTo("mmsguard-notifier");
        assertThat(c.deliveryGroupId()).isEqualTo("mmsguard-notifier-delivery");
        assertThat(c.stateDir()).isEqualTo(Path.of("data/notifier"));
        assertThat(c.httpPort()).isEqualTo(8093);
        assertThat(c.stream().alertsTopic()).isEqualTo(Topics.ALERTS);
        assertThat(c.stream().punctuation()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.delivery().deadTopic()).isEqualTo(Topics.NOTICES_DEAD);
        assertThat(c.delivery().maxAttempts()).isEqualTo(3);
        assertThat(c.delivery().retryFactor()).isEqualTo(2.0);
        assertThat(c.delivery().smtp().hostname()).isNotBlank();
        assertThat(c.delivery().smtp().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.delivery().smtp().commandTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.delivery().smtp().threads()).isEqualTo(4);
        assertThat(c.delivery().secretsDir()).isNull();
    }

    @Test
    void overridesAndPassThrough() {
        Map<String, String> m = new HashMap<>(REQUIRED);
        m.putAll(Map.of("kafka.security.protocol", "SSL", "topics.notices", "n", "notifier.punctuation", "250ms",
                "notifier.delivery.retry-factor", "1.5", "notifier.delivery.max-attempts", "5",
                "notifier.delivery.smtp-hostname", "notifier.example.org", "notifier.delivery.smtp-command-timeout",
                "5s", "notifier.delivery.smtp-threads", "2"));
        m.put("notifier.delivery.secrets-dir", "/var/run/secrets/mmsguard");
        NotifierConfig c = NotifierConfig.from(Settings.of(m));
        assertThat(c.kafka()).containsEntry("security.protocol", "SSL").containsEntry("bootstrap.servers", "k:9092");
        assertThat(c.serde()).containsEntry("schema.registry.url", "http://r:8081");
        assertThat(c.stream().noticesTopic()).isEqualTo("n");
        assertThat(c.stream().punctuation()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.delivery().retryFactor()).isEqualTo(1.5);
        assertThat(c.delivery().maxAttempts()).isEqualTo(5);
        assertThat(c.delivery().smtp()).isEqualTo(new NotifierConfig.Smtp("notifier.example.org",
                Duration.ofSeconds(10), Duration.ofSeconds(5), 2));
        assertThat(c.delivery().secretsDir()).isEqualTo(java.nio.file.Path.of("/var/run/secrets/mmsguard"));
    }

    @Test
    void rejectsMissingOrBadValues() {
        assertThatThrownBy(() -> NotifierConfig.from(Settings.of(Map.of("serde.schema.registry.url", "x"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.bootstrap.servers");
        Map<String, String> m = new HashMap<>(REQUIRED);
        m.put("notifier.delivery.retry-factor", "fast");
        assertThatThrownBy(() -> NotifierConfig.from(Settings.of(m))).isInstanceOf(ConfigException.class);
        m.put("notifier.delivery.retry-factor", "0.5");
        assertThatThrownBy(() -> NotifierConfig.from(Settings.of(m))).isInstanceOf(ConfigException.class);
        m.put("notifier.delivery.retry-factor", "2");
        m.put("notifier.delivery.smtp-threads", "0");
        assertThatThrownBy(() -> NotifierConfig.from(Settings.of(m))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("smtp-threads");
        m.put("notifier.delivery.smtp-threads", "1");
        m.put("notifier.delivery.smtp-hostname", "bad name\r\nMAIL");
        assertThatThrownBy(() -> NotifierConfig.from(Settings.of(m))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("smtp-hostname");
    }

    @Test
    void aTypoFailsWithItsLine() {
        Path file = dir.resolve("notifier.yaml");

        assertThatThrownBy(() -> load(REQUIRED_YAML + """
                notifier:
                  delivery:
                    max-attempts: 3
                    retry-intial: 1s
                """, Map.of())).isInstanceOf(ConfigException.class).hasMessage(file
                + ":6: unknown key \"notifier.delivery.retry-intial\" (did you mean"
                + " \"notifier.delivery.retry-initial\"?)");
    }

    @Test
    void theEnvironmentOverridesTheFileAndSecretsAreNoKeys() throws IOException {
        NotifierConfig c = load(REQUIRED_YAML + "notifier: {delivery: {max-attempts: 3}}\n", Map.of(
                "MMSGUARD_NOTIFIER_DELIVERY_MAX_ATTEMPTS", "7", "MMSGUARD_SECRET_MMSC_ADMIN", "admin:pw"));

        assertThat(c.delivery().maxAttempts()).isEqualTo(7);
    }

    @Test
    void aVariableThatNamesNoKeyIsRefused() {
        assertThatThrownBy(() -> load(REQUIRED_YAML, Map.of("MMSGUARD_NOTIFIER_PUNCTUATIONS", "2s")))
                .isInstanceOf(ConfigException.class).hasMessage("environment variable MMSGUARD_NOTIFIER_PUNCTUATIONS"
                        + " names no key (did you mean MMSGUARD_NOTIFIER_PUNCTUATION?)");
    }
}
