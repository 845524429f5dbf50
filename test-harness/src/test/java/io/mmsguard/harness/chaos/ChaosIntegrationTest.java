package io.mmsguard.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import io.mmsguard.harness.Deployment;
import io.mmsguard.harness.HarnessProfiles;
import io.mmsguard.harness.Invariants;
import io.mmsguard.harness.ProjectTopics;
import io.mmsguard.harness.ServiceProcess;
import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Endpoints;
import io.mmsguard.harness.load.LoadDriver;
import io.mmsguard.harness.load.LoadPlan;
import io.mmsguard.testkit.clamav.ClamdProcess;
import io.mmsguard.testkit.faketime.Faketime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16's chaos suite: one deployment as an operator runs it (3 brokers with replication 3 and min.insync 2, the
 * registry, 2 inspection instances with a standby replica scanning with clamd, 2 gateways with their own reply
 * partitions, the notifier, the MMSC stub), started once; then one pass per fault kind with load over MM1, MM3, MM4 and MM7 spread
 * over both gateways ({@link ChaosPass}). After each pass, with the process restored and the deployment answering
 * again, the {@link Invariants} must hold; recovery is asserted against loose bounds (3x issue 16's targets) only,
 * the figures of every pass go to {@code target/chaos-figures.md} and the log. {@code -Dchaos.full=true} runs the
 * operator's longer passes ({@link ChaosMode#full()}); docs/reliability.md has the figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosIntegrationTest.class);
    private static final ChaosMode MODE = ChaosMode.fromSystemProperties();
    private static final String PROFILE = "default";
    /** Behind, not ahead: a gateway behind is the one whose sessions would expire if expiry trusted its clock. */
    private static final Duration GATEWAY_CLOCK_OFF = Duration.ofMinutes(-10);
    private static final String CLOCK_SKEW_GAUGE = "mmsguard_gateway_clock_skew_seconds";
    /** {@code gateway.max-clock-skew}'s default. */
    private static final double MAX_CLOCK_SKEW_SECONDS = 5;
    private static Deployment deployment;
    private static LoadDriver driver;
    private static ChaosPass pass;
    private static PassChecks checks;
    private static final List<ChaosPass.Result> results = new ArrayList<>();
    private static Instant suiteStart;
    private static String loadBefore;

    @BeforeAll
    static void start() {
        // Skipped without clamd, failed in CI (MMSGUARD_REQUIRE_ORACLES), as every test with an outside tool.
        ClamdProcess.requireInstalled();
        suiteStart = Instant.now();
        loadBefore = FiguresTable.loadAverage();
        Deployment.Builder b = Deployment.builder(Path.of("target", "harness", "chaos-" + System.currentTimeMillis()))
                .brokers(3).replication(3, 2).inspections(2).gateways(2).notifier(true)
                .topics(ProjectTopics.plan())
                .profiles(stub -> HarnessProfiles.floodAndVirusNotices(60, MODE.floodLimit(), true, stub.noticesUri()))
                // For every pass, not only clamd's: an operator's deployment scans with clamd, a process of its own
                // that can fail like any other (the built-in engine runs inside the inspection instance).
                .clamd(true)
                // the deployment's own failover defaults (session timeout, heartbeat) are the ones under test
                .set(ServiceProcess.Kind.INSPECTION, "inspection.standby-replicas", "1");
        deployment = b.start();
        driver = new LoadDriver(deployment.endpoints(), deployment.mmsc(), ChaosMode.DEADLINE.plusSeconds(20), 64);
        pass = new ChaosPass(driver, MODE);
        checks = new PassChecks(deployment, driver, PROFILE, MODE.floodLimit());
        checks.awaitEveryGatewayDecides();
        LOG.info("chaos: deployment up and deciding {} s after the start",
                Duration.between(suiteStart, Instant.now()).toSeconds());
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (!results.isEmpty()) {
                String table = FiguresTable.markdown("Chaos suite", MODE, results,
                        Duration.between(suiteStart, Instant.now()), loadBefore, FiguresTable.loadAverage(),
                        Invariants.noticeRepeats(deployment.mmsc()));
                FiguresTable.write("chaos-figures.md", table);
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
    void notifierKilledAndRestarted() {
        ChaosPass.Result r = run("notifier kill -9", 0, MODE.hold(), deployment.notifier()::kill,
                deployment.notifier()::restart);
        checks.invariants(r, List.of());
    }

    @Test
    @Order(2)
    void brokerKilledAndRestarted() {
        ChaosPass.Result r = run("broker kill -9", 1, MODE.hold(), deployment.broker(2)::kill,
                deployment.broker(2)::restart);
        checks.invariants(r, List.of());
        // issue 16: temporary failures only within 5 s of the kill; 3x here. A session sent up to a decision
        // timeout (5 s) before the kill was still waiting when it happened.
        assertThat(failedSessions(r)).as("sessions failed outside the 15 s after the broker kill")
                .allSatisfy(a -> assertThat(secondsFromFault(r, a)).isBetween(-5.0, 15.0));
    }

    @Test
    @Order(3)
    void inspectionInstanceKilledAndRestarted() {
        ServiceProcess owner = floodOwner(2);
        ChaosPass.Result r = run("inspection kill -9", 2, MODE.hold(), owner::kill, owner::restart);
        checks.invariants(r, List.of());
        // issue 16: at most 10 s of failing sessions after the kill; 3x here
        assertThat(r.figures().lastFailure().orElse(0)).as("last failed session, s after the kill")
                .isLessThanOrEqualTo(30.0);
    }

    @Test
    @Order(4)
    void inspectionInstancePausedLongerThanItsSessionTimeout() {
        ServiceProcess owner = floodOwner(3);
        ChaosPass.Result r = run("inspection SIGSTOP", 3, MODE.pause(), owner::pause, owner::resume);
        checks.invariants(r, List.of());
    }

    @Test
    @Order(5)
    void gatewayKilledAndRestarted() {
        ChaosPass.Result r = run("gateway kill -9", 4, MODE.hold(), deployment.gateway(0)::kill,
                deployment.gateway(0)::restart);
        Endpoints killed = deployment.endpoints(0);
        checks.invariants(r, List.of(killed));
        assertThat(r.answers().all()).as("sessions to the gateway that stayed up")
                .filteredOn(a -> !a.gateway().equals(killed))
                .allSatisfy(a -> assertThat(a.kind()).as("%s %s", a.transactionId(), a.detail())
                        .isIn(AnswerKind.OK, AnswerKind.BLOCKED));
        assertThat(r.answers().all()).as("the killed gateway refused connections")
                .anyMatch(a -> a.gateway().equals(killed) && a.kind() == AnswerKind.UNREACHABLE);
    }

    @Test
    @Order(6)
    void registryStoppedAndStarted() {
        ChaosPass.Result r = run("registry stopped", 5, MODE.outage(), deployment.registry()::stop,
                deployment.registry()::restart);
        checks.invariants(r, List.of());
    }

    @Test
    @Order(7)
    void clamdKilledAndRestarted() {
        ChaosPass.Result r = run("clamd kill -9", 7, MODE.outage(), deployment.clamd()::kill,
                deployment.clamd()::restart);
        checks.invariants(r, List.of());
        // The profile is fail-closed: a scan that cannot reach clamd fails (connection refused), and the decision is
        // a temporary failure, unless the flood block (decided before a scan failure counts) refuses it for good.
        assertThat(r.underFault()).as("sessions while clamd was down").isNotEmpty()
                .allSatisfy(a -> assertThat(a.kind() == AnswerKind.TEMPORARY_FAILURE
                        || a.kind() == AnswerKind.BLOCKED && a.message().flood())
                        .as("%s %s %s", a.transactionId(), a.kind(), a.detail()).isTrue())
                .anyMatch(a -> a.kind() == AnswerKind.TEMPORARY_FAILURE);
    }

    @Test
    @Order(8)
    void gatewayClockTenMinutesBehind() {
        Map<String, String> behind = Faketime.environment(GATEWAY_CLOCK_OFF);
        ServiceProcess skewed = deployment.gateway(1);
        Endpoints skewedListeners = deployment.endpoints(1);
        ChaosPass.Result r = run("gateway clock -10 min", 8, MODE.outage(), () -> startSkewed(skewed, behind),
                skewed::restart);
        // restarted twice: its clients meet closed ports meanwhile
        checks.invariants(r, List.of(skewedListeners));
        // Expiry runs from the broker's append time, so a gateway clock behind must not expire its sessions (which,
        // fail-closed, would get no decision and time out into temporary failures).
        assertThat(r.underFault()).as("sessions through the gateway whose clock was behind")
                .filteredOn(a -> a.gateway().equals(skewedListeners)).isNotEmpty()
                .allSatisfy(a -> assertThat(a.kind()).as("%s %s", a.transactionId(), a.detail())
                        .isIn(AnswerKind.OK, AnswerKind.BLOCKED));
        // Restarted on the true clock, the probes since have measured it: ready, and the skew within the bound.
        assertThat(skewed.readiness().status()).as("gateway-1's readiness after the restore").isEqualTo(200);
        assertThat(skewed.gauge(CLOCK_SKEW_GAUGE).orElseThrow()).as("gateway-1's clock skew after the restore, s")
                .isCloseTo(0.0, within(MAX_CLOCK_SKEW_SECONDS));
    }

    /**
     * Restarts {@code gateway} with its wall clock off and checks the fault: ready at first (no session has measured
     * the clock), then, after the first envelope the load sends through it, 503 naming {@code clock}, with a skew
     * gauge of the offset (under-reported by at most a round trip to the brokers).
     */
    private static void startSkewed(ServiceProcess gateway, Map<String, String> clockOff) {
        gateway.relaunch(clockOff);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(gateway.isRunning()).as("%s alive; log %s", gateway.name(), gateway.logFile()).isTrue();
            ServiceProcess.AdminReply ready = gateway.readiness();
            return ready.status() == 503 && ready.body().contains("clock:");
        });
        LOG.info("chaos: {} not ready: {}", gateway.name(), gateway.readiness().body().strip());
        assertThat(gateway.gauge(CLOCK_SKEW_GAUGE).orElseThrow()).as("%s's clock skew, s", gateway.name())
                .isCloseTo((double) GATEWAY_CLOCK_OFF.toSeconds(), within(30.0));
    }

    @Test
    @Order(9)
    void allBrokersKilledAndStarted() {
        ChaosPass.Result r = run("all brokers killed", 6, ChaosMode.BROKER_OUTAGE, deployment::killAllBrokers,
                deployment::startAllBrokers);
        checks.invariants(r, List.of());
        // issue 16: OK answers within 5 s of the brokers being back; 3x here
        assertThat(r.figures().firstOkAfterRestore()).as("first OK after the brokers were back").isPresent();
        assertThat(r.figures().firstOkAfterRestore().getAsDouble()).as("s from the brokers back to the first OK")
                .isLessThanOrEqualTo(15.0);
    }

    /**
     * The instance whose active task holds the first flood sender of pass {@code index}: a fault that meets work
     * (killing an instance that holds only standby tasks goes unnoticed by every session).
     */
    private static ServiceProcess floodOwner(int index) {
        ServiceProcess owner = deployment.floodOwner("MM1", pass.plan("owner", index).floodSenderIds().get(0),
                PROFILE);
        LOG.info("chaos: pass {} hits {}, the owner of its first flood sender", index, owner.name());
        return owner;
    }

    private static ChaosPass.Result run(String name, int index, Duration hold, Runnable fault, Runnable restore) {
        LoadPlan plan = pass.plan(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), index);
        ChaosPass.Result r = pass.run(name, plan, hold, fault, restore);
        results.add(r);
        checks.awaitEveryGatewayDecides();
        LOG.info("chaos {}: {}", name, FiguresTable.row(r));
        return r;
    }

    private static List<Answer> failedSessions(ChaosPass.Result r) {
        return r.answers().all().stream().filter(Figures::failed).toList();
    }

    private static double secondsFromFault(ChaosPass.Result r, Answer a) {
        return Duration.between(r.fault(), a.sentAt()).toMillis() / 1000.0;
    }
}
