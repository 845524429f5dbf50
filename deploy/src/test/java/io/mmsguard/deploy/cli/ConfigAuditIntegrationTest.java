package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.Audit;
import io.mmsguard.avro.ConfigAuditRecord;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.config.ConfigStatus;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audited versions on a real broker: every apply stamps version, author, time and the changed paths and appends the
 * record to the audit topic; history lists and shows the versions; rollback writes an old content as the next
 * version; two applies on the same base cannot both win. No inspection service runs: applies do not wait
 * (ConfigApplyWaitIntegrationTest waits on a real one).
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ConfigAuditIntegrationTest {
    private static final Path EXAMPLE = Path.of("examples/profiles.yaml");
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";
    private static KafkaTestCluster kafka;
    private static String registryUrl;
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
    }

    private Cli apply(Path file, String author) {
        return topics.config("apply", "--no-wait", "--author", author, file.toString());
    }

    private Path changed(String name, String limit) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), Files.readString(EXAMPLE).replace("limit: 20", "limit: "
                + limit));
    }

    private MmsProfile profile(String name) {
        Connection c = topics.connection();
        return CompactedTopic.read(c, c.topic(Contracts.PROFILES, topics.names().profiles())).get(name);
    }

    private List<ConfigAuditRecord> audit(String name) {
        return ConfigAuditLog.read(topics.connection(), topics.names().audit(), Optional.of(ConfigStatus.PROFILE),
                Optional.of(name));
    }

    @Test
    void everyApplyStampsTheNextVersionAndHistoryShowsAndRollsBackEveryVersion() throws Exception {
        assertThat(apply(EXAMPLE, "alice").exit()).isZero();
        String v1 = topics.config("get", "--profile", "default").out();

        Cli second = apply(changed("v2", "25"), "bob");

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo("""
                endpoint list vip-senders: unchanged
                profile strict: unchanged
                author: bob (from --author)
                profile default: version 2 -> %s (changed mm1.flood[0].limit)
                1 record(s) written
                """.formatted(topics.names().profiles()));
        Audit stamp = profile("default").getAudit();
        assertThat(stamp.getVersion()).isEqualTo(2);
        assertThat(stamp.getUpdatedBy()).isEqualTo("bob");
        assertThat(stamp.getChangeNote()).isEqualTo("changed mm1.flood[0].limit");
        assertThat(profile("strict").getAudit().getVersion()).as("unchanged records are not written").isEqualTo(1);
        assertThat(audit("default")).extracting(ConfigAuditRecord::getVersion, ConfigAuditRecord::getAuthor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "alice"),
                        org.assertj.core.groups.Tuple.tuple(2L, "bob"));
        assertThat(audit("default").get(1).getProfile()).as("the whole record, stamp included")
                .isEqualTo(profile("default"));

        Cli history = topics.config("history", "--profile", "default");
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out().lines().toList()).satisfiesExactly(
                header -> assertThat(header).matches("KIND +NAME +VERSION +APPLIED AT +AUTHOR +SUMMARY"),
                row -> assertThat(row).matches("profile +default +1  " + TIME + " +alice +added"),
                row -> assertThat(row).matches("profile +default +2  " + TIME + " +bob +changed mm1.flood\\[0]\\.limit"));
        assertThat(topics.config("history", "--profile", "default", "--show", "1").out()).isEqualTo(v1);

        Cli rollback = topics.config("rollback", "--profile", "default", "--to", "1", "--no-wait", "--author", "carol");

        assertThat(rollback.exit()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("author: carol (from --author)\n",
                "profile default: version 3 -> " + topics.names().profiles() + " (rollback to 1)\n");
        assertThat(topics.config("get", "--profile", "default").out()).isEqualTo(v1);
        assertThat(profile("default").getAudit().getVersion()).isEqualTo(3);
        assertThat(topics.config("history", "--profile", "default").out().lines().toList()).last().asString()
                .matches("profile +default +3  " + TIME + " +carol +rollback to 1");

        Cli again = topics.config("rollback", "--profile", "default", "--to", "3", "--no-wait");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).isEqualTo("profile default is already the content of version 3; nothing written\n");
        Cli missing = topics.config("history", "--profile", "default", "--show", "9");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("mmsguard: profile default has no version 9");
    }

    @Test
    void anApplyBasedOnAVersionThatChangedSinceIsAConflictAndWritesNothing() throws Exception {
        assertThat(apply(EXAMPLE, "alice").exit()).isZero();
        // Alice reads and computes her change; Bob applies his before she writes.
        List<ConfigTransaction.Planned<?>> alices = planned(changed("alice", "25"));
        assertThat(apply(changed("bob", "30"), "bob").exit()).isZero();

        ConfigTransaction late = new ConfigTransaction(topics.connection(), topics.names(),
                new Author("alice", "--author"), Clock.systemUTC());

        assertThatThrownBy(() -> late.write(alices)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.CONFLICT).isEqualTo(4);
            assertThat(e.getMessage()).matches("conflict: profile default changed to version 2 by bob at " + TIME
                    + " since you read it; re-run");
        });
        assertThat(profile("default").getMm1().getFlood().get(0).getLimit()).isEqualTo(30);
        assertThat(audit("default")).hasSize(2);
    }

    @Test
    void anApplyFencedByAnotherWhileWritingIsAConflictAndItsRecordsAreNeverVisible() throws Exception {
        assertThat(apply(EXAMPLE, "alice").exit()).isZero();
        ConfigTransaction alice = new ConfigTransaction(topics.connection(), topics.names(),
                new Author("alice", "--author"), Clock.systemUTC());
        List<ConfigTransaction.Planned<?>> alices = planned(changed("alice", "25"));
        Path bobs = changed("bob", "30");
        Cli[] bob = new Cli[1];

        // Bob's apply starts while Alice's transaction is open, her records sent: his initTransactions fences her.
        assertThatThrownBy(() -> alice.write(alices, () -> bob[0] = apply(bobs, "bob")))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.CONFLICT);
                    assertThat(e.getMessage()).matches("conflict: profile default changed to version 2 by bob at "
                            + TIME + " since you read it; re-run");
                });

        assertThat(bob[0].exit()).as(bob[0].err()).isZero();
        assertThat(profile("default").getMm1().getFlood().get(0).getLimit()).isEqualTo(30);
        assertThat(profile("default").getAudit().getUpdatedBy()).isEqualTo("bob");
        assertThat(audit("default")).extracting(ConfigAuditRecord::getAuthor).containsExactly("alice", "bob");
    }

    @Test
    void twoAppliesRacingOnTheSameBaseNeverBothWriteTheSameVersion() throws Exception {
        assertThat(apply(EXAMPLE, "alice").exit()).isZero();
        Path a = changed("a", "25");
        Path b = changed("b", "30");
        for (int round = 0; round < 3; round++) {
            Path first = round % 2 == 0 ? a : b;
            Path second = round % 2 == 0 ? b : a;
            CompletableFuture<Cli> one = CompletableFuture.supplyAsync(() -> apply(first, "one"));
            CompletableFuture<Cli> two = CompletableFuture.supplyAsync(() -> apply(second, "two"));
            List<Cli> exits = List.of(one.get(2, TimeUnit.MINUTES), two.get(2, TimeUnit.MINUTES));
            assertThat(exits).allSatisfy(cli -> assertThat(cli.exit()).as(cli.err()).isIn(0, ExitCodes.CONFLICT));
            assertThat(exits).filteredOn(cli -> cli.exit() == ExitCodes.CONFLICT)
                    .allSatisfy(cli -> assertThat(cli.err()).startsWith("mmsguard: conflict: "));
        }
        List<Long> versions = audit("default").stream().map(ConfigAuditRecord::getVersion).toList();
        List<Long> expected = new ArrayList<>();
        for (long v = 1; v <= versions.size(); v++) {
            expected.add(v);
        }
        assertThat(versions).as("one writer per version, none lost").isEqualTo(expected);
        assertThat(profile("default").getAudit().getVersion()).isEqualTo(versions.size());
        assertThat(audit("default").get(versions.size() - 1).getProfile()).isEqualTo(profile("default"));
    }

    private List<ConfigTransaction.Planned<?>> planned(Path file) {
        ConfigDocument doc = ConfigFile.read(file);
        CurrentConfig current = CurrentConfig.read(topics.connection(), topics.names());
        List<ConfigTransaction.Planned<?>> out = new ArrayList<>();
        ConfigChanges.compare("profile", doc.profiles(), current.profiles()).stream()
                .filter(ch -> ch.status() != ConfigChanges.Status.UNCHANGED).forEach(ch -> out.add(ch.planned()));
        return out;
    }
}
