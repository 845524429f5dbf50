package io.mmsguard.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.mmsguard.harness.Deployment;
import io.mmsguard.harness.HarnessProfiles;
import io.mmsguard.harness.Invariants;
import io.mmsguard.harness.ProjectTopics;
import io.mmsguard.harness.ServiceProcess;
import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Endpoints;
import io.mmsguard.harness.load.Iface;
import io.mmsguard.harness.load.LoadDriver;
import io.mmsguard.harness.load.Message;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topics;
import io.mmsguard.testkit.JvmClasspath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16's upgrade scenario: the previous release's data (state directories, topics, registered schemas) taken
 * over by this release. The deployment (1 broker, the registry, 2 inspection instances with a standby replica, 2
 * gateways, the notifier, the MMSC stub) starts on the previous release ({@link PreviousRelease}: its launcher jar
 * and its own topic plan) and runs load with flood senders and a counted duplicate threshold, so that every store,
 * topic and subject holds data. Then a rolling upgrade under load: each service in turn stopped with SIGTERM, as an
 * operator's rollout does, and started on this build's classpath with the same configuration file, ports and state
 * directory, awaited ready before the next. Then load on the upgraded deployment. After each pass the invariants of
 * the chaos suite ({@link PassChecks}); after the rollout: every process runs this release (the fault happened),
 * the same topics (changelogs and repartition topics included) and store directories, the registry's subjects
 * unchanged with this release's schemas as compatible new versions, and the flood state carried over. Figures in
 * {@code target/upgrade-figures.md}; docs/reliability.md, "Upgrade".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeIntegrationTest.class);
    private static final ChaosMode MODE = ChaosMode.fromSystemProperties();
    private static final String PROFILE = "default";
    private static final int GATEWAYS = 2;
    /** Five services, each stopped and awaited ready, on a loaded machine: the rollout pass's plan lasts this long. */
    private static final Duration ROLLOUT_LOAD = Duration.ofMinutes(12);
    private static final String CURRENT = JvmClasspath.current();

    private static PreviousRelease.Built previous;
    private static Deployment deployment;
    private static LoadDriver driver;
    private static ChaosPass pass;
    private static PassChecks checks;
    private static final List<ChaosPass.Result> results = new ArrayList<>();
    private static final List<String> findings = new ArrayList<>();
    private static Instant classStart;
    private static String loadBefore;
    private static ChaosPass.Result onPrevious;
    private static Map<String, Long> floodBefore;
    private static DeploymentData before;

    /** A gateway's time down in the rollout: from its SIGTERM until the new release answered ready. */
    private record Downtime(Endpoints gateway, Instant from, Instant to) {
        /** The session was with this gateway while it was down: refused, or in flight when it went. */
        boolean covers(Answer a) {
            return a.gateway().equals(gateway) && !a.sentAt().isAfter(to) && !a.answeredAt().isBefore(from);
        }

        boolean cutInFlight(Answer a) {
            return covers(a) && a.sentAt().isBefore(from);
        }
    }

    private static final List<Downtime> downtimes = new ArrayList<>();

    @BeforeAll
    static void start() {
        classStart = Instant.now();
        loadBefore = FiguresTable.loadAverage();
        previous = PreviousRelease.obtain(Path.of("target", "previous-release"));
        deployment = Deployment.builder(Path.of("target", "harness", "upgrade-" + System.currentTimeMillis()))
                .brokers(1).inspections(2).gateways(GATEWAYS).notifier(true)
                // the release and its topics as its operators have them: mms.inbound as that release created it
                .release(previous.classpath()).topics(ProjectTopics.plan(previous.jar()))
                .profiles(stub -> HarnessProfiles.floodDuplicatesAndVirusNotices(60, MODE.floodLimit(), true,
                        stub.noticesUri()))
                .set(ServiceProcess.Kind.INSPECTION, "inspection.standby-replicas", "1")
                .start();
        driver = new LoadDriver(deployment.endpoints(), deployment.mmsc(), ChaosMode.DEADLINE.plusSeconds(20), 64);
        pass = new ChaosPass(driver, MODE);
        checks = new PassChecks(deployment, driver, PROFILE, MODE.floodLimit());
        checks.awaitEveryGatewayDecides();
        LOG.info("upgrade: previous release {} deciding {} s after the start (its build: {} s{})", previous.commit(),
                Duration.between(classStart, Instant.now()).toSeconds(), previous.buildTook().toSeconds(),
                previous.cached() ? ", cached" : "");
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (!results.isEmpty()) {
                String table = FiguresTable.markdown("Upgrade from " + previous.commit().substring(0, 7), MODE,
                        results, Duration.between(classStart, Instant.now()), loadBefore, FiguresTable.loadAverage(),
                        Invariants.noticeRepeats(deployment.mmsc()))
                        + String.format(Locale.ROOT, "%nPrevious release %s: %s. The rolling upgrade's fault is the"
                                + " whole rollout (each service SIGTERM, then started on this build, ready before the"
                                + " next); the other two passes have no fault.%n", previous.commit(),
                        previous.cached() ? "built by an earlier run (target/previous-release)"
                                : "git archive and build took " + previous.buildTook().toSeconds() + " s")
                        + findings.stream().map(f -> "- " + f + "\n").reduce("\n", String::concat);
                FiguresTable.write("upgrade-figures.md", table);
            }
        } finally {
            if (driver != null) {
                driver.close();
            }
            if (deployment != null) {
                deployment.close();
            }
        }
    }

    @Test
    @Order(1)
    void previousReleaseRunsUnderLoad() {
        assertThat(deployment.services()).as("every service on the previous release's jar")
                .allSatisfy(s -> assertThat(s.runningClasspath()).as(s.name()).isEqualTo(previous.classpath()));
        onPrevious = steady("previous release", 0);
        checks.invariants(onPrevious, List.of());
        floodBefore = checks.floodCounts(onPrevious.plan().floodSenderIds());
        assertThat(blockedFloodSenders(onPrevious)).as("flood senders the previous release blocked").isNotEmpty();
        before = DeploymentData.of(deployment);
        LOG.info("upgrade: the previous release's data: {}", before);
        assertThat(before.stores()).as("state directories").allSatisfy((service, stores) ->
                assertThat(stores).as(service).isNotEmpty());
        assertThat(before.subjects()).as("registered subjects").isNotEmpty();
        findings.add("mms.inbound as the previous release created it: message.timestamp.type="
                + before.inboundTimestampType());
    }

    @Test
    @Order(2)
    void rollingUpgradeUnderLoad() {
        // The operator's one step before the rollout (docs/configuration.md, "Topics created by the embedded mode"):
        // this release's gateways report not ready while mms.inbound is on CreateTime.
        correctInboundTimestampType();
        // And the topics this release adds (docs/operations.md): its inspection service reads mms.state-resets and
        // reports on mms.config-status; config apply writes mms.config-audit.
        createTopicsNewInThisRelease();
        Map<String, Long> pids = new HashMap<>();
        deployment.services().forEach(s -> pids.put(s.name(), s.pid()));
        ChaosPass.Result r = pass.run("rolling upgrade", pass.plan("rolling-upgrade", 1, ROLLOUT_LOAD), Duration.ZERO,
                UpgradeIntegrationTest::rollOut, () -> { });
        record(r);

        assertThat(deployment.services()).as("every service a new process on this build's classpath")
                .allSatisfy(s -> {
                    assertThat(s.pid()).as(s.name()).isNotEqualTo(pids.get(s.name()));
                    assertThat(s.runningClasspath()).as(s.name()).isEqualTo(CURRENT);
                });
        checks.invariants(r, deployment.endpoints());
        assertThat(r.answers().ofKind(AnswerKind.UNREACHABLE)).as("connections refused or cut only while their"
                        + " gateway was being upgraded (%s)", downtimes)
                .allSatisfy(a -> assertThat(downtimes).as(a.transactionId()).anyMatch(d -> d.covers(a)));
        // A client whose connection was lost does not know whether its message went on: the stub does.
        findings.add("sessions a gateway's SIGTERM cut in flight (sent before it, the connection lost), with the"
                + " times each reached the MMSC: " + r.answers().ofKind(AnswerKind.UNREACHABLE).stream()
                .filter(a -> downtimes.stream().anyMatch(d -> d.cutInFlight(a)))
                .map(a -> a.transactionId() + " x" + deployment.mmsc().countOf(a.transactionId())).toList());
    }

    private static final String SHADOW_APP = "mmsguard-inspection-shadow";

    private static final String LIVE_APP = "mmsguard-inspection";

    /** The similar-content check's stores and hops, new in this release in both applications. */
    private static final List<String> SIMILAR_STORES = List.of("similar-state", "similar-witness", "similar-pending");

    private static Set<String> similarTopics() {
        Set<String> topics = new TreeSet<>();
        for (String app : List.of(LIVE_APP, SHADOW_APP)) {
            topics.add(app + "-" + Contracts.SIMILAR_BY_BAND_REPARTITION);
            topics.add(app + "-" + Contracts.SIMILAR_BY_SESSION_REPARTITION);
            SIMILAR_STORES.forEach(store -> topics.add(app + "-" + store + "-changelog"));
        }
        return topics;
    }

    /** The stores that were there before: neither the shadow application's nor the similar-content check's. */
    private static Map<String, Set<String>> withoutShadow(Map<String, Set<String>> stores) {
        Map<String, Set<String>> out = new TreeMap<>();
        stores.forEach((service, names) -> out.put(service, new TreeSet<>(names.stream()
                .filter(n -> !n.startsWith(SHADOW_APP + "/"))
                .filter(n -> SIMILAR_STORES.stream().noneMatch(s -> n.equals(LIVE_APP + "/" + s))).toList())));
        return out;
    }

    @Test
    @Order(3)
    void upgradedDeploymentKeepsThePreviousReleasesData() {
        DeploymentData after = DeploymentData.of(deployment);
        LOG.info("upgrade: the data after the rollout: {}", after);
        Set<String> added = new TreeSet<>(after.topics());
        added.removeAll(before.topics());
        assertThat(after.topics()).as("topics, changelog and repartition topics included: none renamed")
                .containsAll(before.topics());
        // New only where this release adds a topic the previous one did not have: the operators' resets and their
        // repartition to the duplicate stage, the config audit and the config status (present already when the
        // previous release had them), the shadow log and the shadow application's changelogs and repartition, and
        // the similar-content check's two hops and three stores in both applications.
        Set<String> allowed = new TreeSet<>(similarTopics());
        allowed.addAll(List.of(Topics.STATE_RESETS,
                LIVE_APP + "-" + Contracts.STATE_RESETS_REPARTITION, Topics.CONFIG_AUDIT, Topics.CONFIG_STATUS,
                Topics.SHADOW_LOG, SHADOW_APP + "-" + Contracts.SENDER_STAGE_REPARTITION,
                SHADOW_APP + "-flood-state-changelog", SHADOW_APP + "-duplicate-state-changelog"));
        assertThat(added).as("topics new in this release").isSubsetOf(allowed);
        findings.add("topics this release added: " + added);
        // The shadow application's stores are new (its own application id), the live ones unchanged.
        assertThat(withoutShadow(after.stores())).as("stores in each state directory: none renamed or new")
                .isEqualTo(withoutShadow(before.stores()));
        assertThat(after.subjects().keySet()).as("registry subjects kept").containsAll(before.subjects().keySet());
        // A subject is new only where the previous release had written nothing yet: it registers a topic's schema
        // with its first record, this release every schema it writes at start. Each is its topic's value subject
        // (TopicNameStrategy), so a topic with a second subject or a subject for a topic that is not there would be
        // a rename.
        assertThat(after.subjects().keySet()).as("registry subjects: <topic>-value of a topic there before")
                .allSatisfy(subject -> assertThat(before.topics().contains(subject.replaceFirst("-value$", ""))
                        || added.contains(subject.replaceFirst("-value$", ""))).as(subject).isTrue());
        findings.add("registry subjects this release registered first (the previous release had written nothing to"
                + " their topics yet): " + after.subjects().keySet().stream()
                .filter(subject -> !before.subjects().containsKey(subject)).toList());
        before.subjects().forEach((subject, versions) -> assertThat(after.subjects().get(subject))
                .as("versions of %s: the previous ones kept", subject).startsWith(versions.toArray(Integer[]::new)));
        List<String> evolved = SchemaUpgrade.problems(deployment.registryUrl(), before.subjects(), after.subjects());
        assertThat(evolved).as("this release's schema versions against the previous release's").isEmpty();
        findings.add("subjects given a new version by this release: "
                + SchemaUpgrade.newVersions(before.subjects(), after.subjects()));
        // The operator's correction before the rollout holds (the services never change topic configs).
        assertThat(after.inboundTimestampType()).as("mms.inbound's timestamp type after the rollout")
                .isEqualTo(Topics.inboundTopicConfigs().get(Topics.TIMESTAMP_TYPE));
        findings.add("mms.inbound after the rolling upgrade: message.timestamp.type=" + after.inboundTimestampType());

        Map<String, Long> floodAfter = checks.floodCounts(floodBefore.keySet());
        LOG.info("upgrade: flood counts of the previous release's flood senders {} before, {} after", floodBefore,
                floodAfter);
        assertThat(floodAfter).as("flood counts carried over (%s before)", floodBefore)
                .allSatisfy((sender, count) -> assertThat(count).as(sender).isGreaterThanOrEqualTo(
                        floodBefore.get(sender)));
        Invariants.floodCountWithinOffered(onPrevious.answers(), floodAfter);
    }

    @Test
    @Order(4)
    void upgradedDeploymentBlocksTheSameSendersAndDecides() {
        String blocked = blockedFloodSenders(onPrevious).get(0);
        Answer a = driver.send(new Message("upgrade-still-blocked", Iface.MM1, blocked, false, true),
                deployment.endpoints(0)).join();
        assertThat(a.kind()).as("%s, blocked by the previous release (%s)", blocked, a.detail())
                .isEqualTo(AnswerKind.BLOCKED);
        checks.invariants(steady("current release", 2), List.of());
    }

    /** The rollout: each service in turn, an inspection instance's tasks failing over to the other meanwhile. */
    private static void rollOut() {
        for (ServiceProcess s : deployment.services()) {
            Instant from = Instant.now();
            s.restartOn(CURRENT);
            Instant to = Instant.now();
            LOG.info("upgrade: {} on this build, ready {} ms after its SIGTERM", s.name(),
                    Duration.between(from, to).toMillis());
            for (int i = 0; i < GATEWAYS; i++) {
                if (deployment.gateway(i) == s) {
                    downtimes.add(new Downtime(deployment.endpoints(i), from, to));
                }
            }
        }
    }

    /**
     * What docs/configuration.md ("Topics created by the embedded mode") tells the operator of a clustered
     * deployment to do once: mms.inbound on LogAppendTime, so that session expiry and the gateways' clock skew are
     * measured from the brokers' append time. Nothing in the services does it; the gateways only report it.
     */
    /** The operator's step before an upgrade: every topic of this release's plan that the broker does not have. */
    private static void createTopicsNewInThisRelease() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                deployment.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = ProjectTopics.plan().stream().filter(t -> !existing.contains(t.name())).toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            findings.add("topics created before the rollout: " + missing.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create this release's new topics: " + e, e);
        }
    }

    private static void correctInboundTimestampType() {
        ConfigResource inbound = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INBOUND);
        String wanted = Topics.inboundTopicConfigs().get(Topics.TIMESTAMP_TYPE);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                deployment.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(inbound, List.of(new AlterConfigOp(new ConfigEntry(
                    Topics.TIMESTAMP_TYPE, wanted), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            // The controller has committed it; the broker answering describeConfigs applies it shortly after.
            await("mms.inbound on " + wanted).atMost(Duration.ofSeconds(30)).until(() -> admin.describeConfigs(
                    List.of(inbound)).all().get(30, TimeUnit.SECONDS).get(inbound).get(Topics.TIMESTAMP_TYPE).value(),
                    wanted::equals);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set mms.inbound's timestamp type: " + e, e);
        }
    }

    /** A pass without a fault: load on the deployment as it is (the chaos pass with nothing injected). */
    private static ChaosPass.Result steady(String name, int index) {
        ChaosPass.Result r = pass.run(name, pass.plan(name.replace(' ', '-'), index), Duration.ZERO, () -> { },
                () -> { });
        record(r);
        return r;
    }

    private static void record(ChaosPass.Result r) {
        results.add(r);
        checks.awaitEveryGatewayDecides();
        LOG.info("upgrade {}: {}", r.name(), FiguresTable.row(r));
    }

    private static List<String> blockedFloodSenders(ChaosPass.Result r) {
        return r.plan().floodSenderIds().stream().filter(sender -> r.answers().ofKind(AnswerKind.BLOCKED).stream()
                .anyMatch(a -> a.message().sender().equals(sender))).toList();
    }
}
