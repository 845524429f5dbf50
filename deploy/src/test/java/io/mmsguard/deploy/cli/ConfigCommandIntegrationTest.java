package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.FreePorts;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mmsguard config} on a real broker and registry; every test has its own pair of compacted topics, named
 * with --profiles-topic and --endpoint-lists-topic.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ConfigCommandIntegrationTest {
    private static final Path EXAMPLE = Path.of("examples/profiles.yaml");
    private static KafkaTestCluster kafka;
    private static String registryUrl;
    private String profilesTopic;
    private String listsTopic;
    private ConfigTopicsFixture topics;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(KafkaTestCluster cluster, ApicurioRegistry registry) {
        kafka = cluster;
        registryUrl = registry.url();
    }

    @BeforeEach
    void createTopics() throws Exception {
        topics = ConfigTopicsFixture.create(kafka, registryUrl);
        profilesTopic = topics.names().profiles();
        listsTopic = topics.names().endpointLists();
    }

    private Cli config(String... args) {
        return topics.config(args);
    }

    /** No inspection service runs here: apply does not wait for one (ConfigApplyWaitIntegrationTest does). */
    private Cli apply(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("apply", "--no-wait", "--author", "alice"));
        all.addAll(List.of(args));
        return config(all.toArray(String[]::new));
    }

    private Connection connection() {
        return topics.connection();
    }

    private long endOffset(String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = kafka.admin()) {
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS).get(tp).offset();
        }
    }

    private void assertNothingWritten() throws Exception {
        assertThat(endOffset(profilesTopic)).isZero();
        assertThat(endOffset(listsTopic)).isZero();
    }

    @Test
    void theExampleFileIsWrittenAndGetPrintsWhatAppliesBackUnchanged() throws Exception {
        Cli apply = apply(EXAMPLE.toString());

        assertThat(apply.exit()).as(apply.err()).isZero();
        assertThat(apply.out()).isEqualTo("""
                author: alice (from --author)
                endpoint list vip-senders: version 1 -> %s (added)
                profile default: version 1 -> %s (added)
                profile strict: version 1 -> %s (added)
                3 record(s) written
                """.formatted(listsTopic, profilesTopic, profilesTopic));
        ConfigDocument example = ConfigFile.read(EXAMPLE);
        Connection connection = connection();
        Map<String, MmsProfile> profiles =
                CompactedTopic.read(connection, connection.topic(Contracts.PROFILES, profilesTopic));
        Map<String, EndpointList> lists =
                CompactedTopic.read(connection, connection.topic(Contracts.ENDPOINT_LISTS, listsTopic));
        assertThat(profiles.values().stream().map(ConfigRecords::content).toList()).containsExactlyElementsOf(
                example.profiles().stream().map(ConfigDocument.Entry::value).toList());
        assertThat(lists.values().stream().map(ConfigRecords::content).toList())
                .containsExactly(example.endpointLists().get(0).value());
        assertThat(profiles.get("default").getMm1().getFlood().get(0).getLimit()).isEqualTo(20);

        Cli get = config("get");
        assertThat(get.exit()).as(get.err()).isZero();
        Path current = Files.writeString(dir.resolve("current.yaml"), get.out());
        assertThat(config("diff", current.toString()).out()).endsWith("0 added, 0 changed, 3 unchanged\n");
        long end = endOffset(profilesTopic);
        Cli again = apply(current.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).endsWith("profile strict: unchanged\n0 record(s) written\n");
        assertThat(endOffset(profilesTopic)).as("nothing written again").isEqualTo(end);

        Cli one = config("get", "--profile", "strict");
        assertThat(one.out()).isEqualTo("""
                profiles:
                - name: strict
                  comment: For a test APN; monitor only, nothing is blocked.
                  mm1:
                    monitorOnly: true
                  bannedWordThreshold: 5
                endpointLists: []
                """);
        Cli missing = config("get", "--profile", "nope");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("mmsguard: no profile nope on " + profilesTopic + "\n");
    }

    @Test
    void anInvalidFileIsReportedLineByLineAndNothingIsWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                profiles:
                  - name: ok
                  - name: bad
                    endpointLists: [vip, missing]
                    mm1:
                      flood:
                        - enabled: true
                          limit: 0
                          actions: [block]
                endpointLists:
                  - name: vip
                """);

        Cli apply = apply(file.toString());

        assertThat(apply.exit()).isEqualTo(1);
        assertThat(apply.err()).isEqualTo(file + ":4: profiles[1].endpointLists[1]: \"missing\" is not a known endpoint list\n"
                + file + ":8: profiles[1].mm1.flood[0].limit: 0 must be greater than 0\n"
                + "2 problem(s) in " + file + "; nothing written\n");
        assertThat(apply.out()).isEmpty();
        assertNothingWritten();
    }

    /** A time zone java.time cannot load is refused here, with its line, not discovered by the notifier later. */
    @Test
    void aBadTimeZoneAndOtherNotificationSettingsAreRefusedAndNothingIsWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("zone.yaml"), """
                profiles:
                  - name: night
                    mm1:
                      notification:
                        timeZone: Europe/Berln
                        rateLimitPerSecond: 300
                    endpointPrefix:
                      enabled: true
                      prefix: "0049-"
                """);

        Cli apply = config("apply", file.toString());

        assertThat(apply.exit()).isEqualTo(1);
        assertThat(apply.err()).isEqualTo(file + ":5: profiles[0].mm1.notification.timeZone: \"Europe/Berln\" is not a"
                + " time zone (an IANA name such as Europe/Berlin, or an offset such as +01:00)\n"
                + file + ":6: profiles[0].mm1.notification.rateLimitPerSecond: 300 is outside 0-250\n"
                + file + ":9: profiles[0].endpointPrefix.prefix: \"0049-\" is not an optional + and 1-8 digits,"
                + " e.g. +49\n"
                + "3 problem(s) in " + file + "; nothing written\n");
        assertNothingWritten();
    }

    @Test
    void yamlProblemsAreReportedWithoutAskingKafka() throws IOException {
        Path file = Files.writeString(dir.resolve("typo.yaml"), """
                profiles:
                  - name: p
                    bannedWordTreshold: 5
                """);

        Cli apply = Cli.run("config", "apply", file.toString(), "--bootstrap-servers", "127.0.0.1:" + FreePorts.next());

        assertThat(apply.exit()).isEqualTo(1);
        assertThat(apply.err()).startsWith(file + ":3: profiles[0].bannedWordTreshold: unknown field of MmsProfile")
                .endsWith("1 problem(s) in " + file + "; nothing written\n");
    }

    @Test
    void diffIsZeroWhenIdenticalAndListsEveryChangedFieldOtherwise() throws IOException {
        assertThat(apply(EXAMPLE.toString()).exit()).isZero();
        Cli same = config("diff", EXAMPLE.toString());
        assertThat(same.exit()).isZero();
        assertThat(same.out()).isEqualTo("""
                endpoint list vip-senders: unchanged
                profile default: unchanged
                profile strict: unchanged
                0 added, 0 changed, 3 unchanged
                """);

        Path changed = Files.writeString(dir.resolve("changed.yaml"), Files.readString(EXAMPLE)
                .replace("bannedWordThreshold: 15", "bannedWordThreshold: 20")
                .replace("limit: 20", "limit: 25")
                + "  - name: new-list\n");
        Cli diff = config("diff", changed.toString());

        assertThat(diff.exit()).isEqualTo(1);
        assertThat(diff.out()).isEqualTo("""
                endpoint list vip-senders: unchanged
                endpoint list new-list: added
                profile default: changed
                  mm1.flood[0].limit: 20 -> 25
                  bannedWordThreshold: 15 -> 20
                profile strict: unchanged
                1 added, 1 changed, 2 unchanged
                """);
    }

    @Test
    void dryRunValidatesAndReportsButWritesNothing() throws Exception {
        Cli dry = apply("--dry-run", EXAMPLE.toString());

        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).isEqualTo("""
                endpoint list vip-senders: added
                profile default: added
                profile strict: added
                dry run: nothing written
                """);
        assertNothingWritten();
    }

    @Test
    void theServicesConfigFileNamesKafkaAndTheRegistry() throws IOException {
        Path settings = Files.writeString(dir.resolve("service.yaml"), """
                kafka:
                  bootstrap.servers: %s
                  client.id: mmsguard-cli-test
                serde:
                  schema.registry.url: %s
                """.formatted(kafka.bootstrapServers(), registryUrl));

        Cli get = Cli.run("config", "get", "--config", settings.toString(), "--profiles-topic", profilesTopic,
                "--endpoint-lists-topic", listsTopic);

        assertThat(get.exit()).as(get.err()).isZero();
        assertThat(get.out()).isEqualTo("profiles: []\nendpointLists: []\n");
    }

    @Test
    void aMissingTopicIsAnErrorNotAnEmptyConfiguration() {
        Cli get = Cli.run("config", "get", "--bootstrap-servers", kafka.bootstrapServers(), "--registry-url",
                registryUrl, "--profiles-topic", "no-such-topic-" + profilesTopic);

        assertThat(get.exit()).isEqualTo(1);
        assertThat(get.err()).isEqualTo("mmsguard: topic no-such-topic-" + profilesTopic + " does not exist on "
                + kafka.bootstrapServers() + "\n");
    }

    @Test
    void anUnreachableKafkaOrRegistryIsOneLineAndExitCode3() {
        String port = Integer.toString(FreePorts.next());
        Cli noKafka = Cli.run("config", "get", "--bootstrap-servers", "127.0.0.1:" + port, "--registry-url", registryUrl);
        assertThat(noKafka.exit()).isEqualTo(3);
        assertThat(noKafka.err()).isEqualTo("mmsguard: cannot reach Kafka at 127.0.0.1:" + port + " within 10s\n");

        Cli noRegistry = Cli.run("config", "get", "--bootstrap-servers", kafka.bootstrapServers(),
                "--registry-url", "http://127.0.0.1:" + port + "/apis/ccompat/v7");
        assertThat(noRegistry.exit()).isEqualTo(3);
        assertThat(noRegistry.err()).startsWith("mmsguard: cannot reach the schema registry at http://127.0.0.1:"
                + port + "/apis/ccompat/v7 within 10s").doesNotContain("\tat ");
    }
}
