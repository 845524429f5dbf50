package io.mmsguard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    private static final ConfigKeys KEYS = ConfigKeys.builder()
            .key("inspection.commit-interval", "100ms", "commit interval")
            .key("inspection.threads", "1", "stream threads")
            .key("hosts", null, "a list")
            .key("mm1.listen", "0.0.0.0:8080", "MM1 socket")
            .key("mm3.listen", "0.0.0.0:2525", "MM3 socket")
            .key("mm3.hostname", null, "greeting name")
            .key("mm4.hostname", null, "greeting name")
            .pattern("mm7.vasp.<vasp-id>", '-', "a VASP's password")
            .pattern("mm4.peer.<domain>", '.', "a peer MMSC")
            .key("kafka.bootstrap.servers", null, "Kafka")
            .pattern("kafka.<property>", '.', "a Kafka client setting")
            .build();

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("service.yaml"), text);
    }

    private Settings load(Path file, Map<String, String> env) {
        return Settings.load(Optional.ofNullable(file), env, KEYS);
    }

    @Test
    void nestedYamlBecomesDottedKeysAndDottedKafkaKeysStayWhole() throws IOException {
        Settings s = load(yaml("""
                inspection:
                  commit-interval: 250ms
                  threads: 2
                kafka:
                  bootstrap.servers: a:9092
                  max.poll.records: 100
                hosts: [x, y]
                mm7: {vasp: {news: s3cret}}
                """), Map.of());

        assertThat(s.duration("inspection.commit-interval", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(s.integer("inspection.threads", 1)).isEqualTo(2);
        assertThat(s.under("kafka.")).containsExactly(Map.entry("bootstrap.servers", "a:9092"),
                Map.entry("max.poll.records", "100"));
        assertThat(s.string("hosts")).isEqualTo("x,y");
        assertThat(s.under("mm7.vasp.")).containsExactly(Map.entry("news", "s3cret"));
    }

    @Test
    void everyUnknownKeyIsReportedAtOnceWithItsLineAndANearMiss() throws IOException {
        Path file = yaml("""
                inspection:
                  threads: 2
                  comit-interval: 250ms
                kafka:
                  bootstrap.servers: a:9092
                nonsense: 1
                """);

        assertThatThrownBy(() -> load(file, Map.of())).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly(
                        file + ":3: unknown key \"inspection.comit-interval\" (did you mean"
                                + " \"inspection.commit-interval\"?)",
                        file + ":6: unknown key \"nonsense\""));
    }

    @Test
    void aKeyOfAnotherSectionSaysWhichSectionsHaveIt() throws IOException {
        Path file = yaml("""
                mm1:
                  listen: 0.0.0.0:8080
                  hostname: gw.example.org
                mm3:
                  vasp: {news: s3cret}
                  peer: {mms.example.org: "mmsc:25"}
                """);

        assertThatThrownBy(() -> load(file, Map.of())).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly(
                        file + ":3: unknown key \"mm1.hostname\" (hostname is a key of mm3, mm4, not of mm1)",
                        file + ":5: unknown key \"mm3.vasp.news\" (vasp.<vasp-id> is a key of mm7, not of mm3)",
                        file + ":6: unknown key \"mm3.peer.mms.example.org\" (peer.<domain> is a key of mm4, not of"
                                + " mm3)"));
    }

    @Test
    void environmentOverridesTheFileForFixedAndMapLikeKeys() throws IOException {
        Settings s = load(yaml("inspection:\n  threads: 2\nmm7:\n  vasp:\n    News_Vasp: file\n"),
                Map.of("MMSGUARD_INSPECTION_THREADS", "4", "MMSGUARD_INSPECTION_COMMIT_INTERVAL", "1s",
                        "MMSGUARD_MM7_VASP_NEWS_VASP", "env", "MMSGUARD_MM7_VASP_SPORTS_DESK", "other",
                        "MMSGUARD_MM4_PEER_MMS_MNC006_MCC260_GPRS", "mmsc-b:25",
                        "MMSGUARD_KAFKA_MAX_POLL_RECORDS", "7", "PATH", "/bin"));

        assertThat(s.integer("inspection.threads", 1)).isEqualTo(4);
        assertThat(s.duration("inspection.commit-interval", Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.under("mm7.vasp.")).containsOnly(Map.entry("News_Vasp", "env"),
                Map.entry("sports-desk", "other"));
        assertThat(s.under("mm4.peer.")).containsOnly(Map.entry("mms.mnc006.mcc260.gprs", "mmsc-b:25"));
        assertThat(s.under("kafka.")).containsOnly(Map.entry("max.poll.records", "7"));
        assertThat(s.asMap()).doesNotContainKey("PATH");
    }

    @Test
    void aVariableThatNamesNoKeyIsRefusedByName() {
        assertThatThrownBy(() -> load(null, Map.of("MMSGUARD_INSPECTION_THREDS", "4", "MMSGUARD_NOT_A_KEY", "x",
                "MMSGUARD_JAVA_OPTS", "-Xmx1g", "MMSGUARD_SECRET_MMSC", "u:p")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "environment variable MMSGUARD_INSPECTION_THREDS names no key (did you mean"
                                + " MMSGUARD_INSPECTION_THREADS?)",
                        "environment variable MMSGUARD_NOT_A_KEY names no key"));
    }

    @Test
    void aPartialReaderTakesItsKeysAndLeavesTheRest() throws IOException {
        ConfigKeys kafkaOnly = ConfigKeys.builder().pattern("kafka.<property>", '.', "Kafka").build().asPartial();

        Settings s = Settings.load(Optional.of(yaml("gateway: {id: gw}\nkafka: {bootstrap.servers: a:9092}\n")),
                Map.of("MMSGUARD_GATEWAY_ID", "x", "MMSGUARD_KAFKA_CLIENT_ID", "c"), kafkaOnly);

        assertThat(s.asMap()).containsOnly(Map.entry("kafka.bootstrap.servers", "a:9092"),
                Map.entry("kafka.client.id", "c"));
    }

    @Test
    void aBadValueIsReportedWhereItWasSet() throws IOException {
        Path file = yaml("inspection:\n  threads: ten\n");
        Settings s = load(file, Map.of("MMSGUARD_INSPECTION_COMMIT_INTERVAL", "10"));

        assertThatThrownBy(() -> s.integer("inspection.threads", 1)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: inspection.threads: \"ten\" is not a number");
        assertThatThrownBy(() -> s.duration("inspection.commit-interval", Duration.ZERO))
                .hasMessage("MMSGUARD_INSPECTION_COMMIT_INTERVAL: inspection.commit-interval: \"10\" needs a unit:"
                        + " ms, s, m, h or d");
    }

    @Test
    void aKeyGivenTwiceAndBrokenYamlAreReportedAtTheirLines() throws IOException {
        Path twice = yaml("kafka:\n  bootstrap.servers: a:9092\nkafka.bootstrap.servers: b:9092\n");
        assertThatThrownBy(() -> load(twice, Map.of())).hasMessage(twice
                + ":3: kafka.bootstrap.servers: is given twice (first on line 2)");

        Path broken = yaml("inspection:\n  threads: 2\n   commit-interval: [\n");
        assertThatThrownBy(() -> load(broken, Map.of())).hasMessageStartingWith(broken + ":3: not valid YAML");
    }

    @Test
    void anEmptySectionIsNoKey() throws IOException {
        Settings s = load(yaml("inspection:\nmm7:\n  vasp:\n"), Map.of());

        assertThat(s.asMap()).isEmpty();
    }

    @Test
    void settingsWrittenInCodeAreCheckedToo() {
        assertThat(Settings.of(Map.of("inspection.threads", "2", "kafka.acks", "all"), KEYS).integer(
                "inspection.threads", 1)).isEqualTo(2);
        assertThatThrownBy(() -> Settings.of(Map.of("inspection.thread", "2"), KEYS))
                .hasMessage("unknown key \"inspection.thread\" (did you mean \"inspection.threads\"?)");
    }

    @Test
    void readingAnUndeclaredKeyIsABug() {
        Settings s = load(null, Map.of());

        assertThatThrownBy(() -> s.string("inspection.thread", "1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inspection.thread");
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

        assertThatThrownBy(() -> load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1: the top level must be a mapping of keys");
    }

    @Test
    void envNameReplacesEverySeparator() {
        assertThat(Settings.envName("serde.schema.registry.url")).isEqualTo("MMSGUARD_SERDE_SCHEMA_REGISTRY_URL");
        assertThat(Settings.envName("inspection.http-port")).isEqualTo("MMSGUARD_INSPECTION_HTTP_PORT");
    }
}
