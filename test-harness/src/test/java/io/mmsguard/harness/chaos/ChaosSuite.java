package io.mmsguard.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mmsguard.harness.Deployment;
import io.mmsguard.harness.DeploymentNodes;
import io.mmsguard.harness.HarnessProfiles;
import io.mmsguard.harness.Invariants;
import io.mmsguard.harness.Node;
import io.mmsguard.harness.ProjectTopics;
import io.mmsguard.harness.ServiceProcess;
import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Endpoints;
import io.mmsguard.harness.load.LoadDriver;
import io.mmsguard.harness.load.LoadPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16's chaos scenarios on one deployment, however its nodes run: each pass a fault kind applied to a node
 * while load runs ({@link ChaosPass}), the node restored, and then the invariants ({@link PassChecks}: nothing
 * lost, nothing twice) and the pass's own assertions. Written against {@link DeploymentNodes}, so that
 * {@code ChaosIntegrationTest} (every node a process) and {@code ChaosContainerIntegrationTest} (the services
 * from the image) run the same passes; the figures of every pass go to {@code target/<figures file>}.
 */
final class ChaosSuite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosSuite.class);
    static final ChaosMode MODE = ChaosMode.fromSystemProperties();
    static final String PROFILE = "default";

    private final String title;
    private final String figuresFile;
    private final DeploymentNodes deployment;
    private final LoadDriver driver;
    private final ChaosPass pass;
    private final PassChecks checks;
    private final List<ChaosPass.Result> results = new ArrayList<>();
    private final Instant start;
    private final String loadBefore;

    /**
     * The deployment the suite runs on, as an operator runs it: 3 brokers with replication 3 and min.insync 2, the
     * registry, clamd, 2 inspection instances with a standby replica scanning with it, 2 gateways with their own
     * reply partitions, the notifier, a profile that blocks MM1 floods and notifies MM1 viruses.
     */
    static Deployment.Builder shape(Path dir) {
        return Deployment.builder(dir)
                .brokers(3).replication(3, 2).inspections(2).gateways(2).notifier(true)
                .topics(ProjectTopics.plan())
                .profiles(stub -> HarnessProfiles.floodAndVirusNotices(60, MODE.floodLimit(), true, stub.noticesUri()))
                // For every pass, not only clamd's: an operator's deployment scans with clamd, a process of its own
                // that can fail like any other (the built-in engine runs inside the inspection instance).
                .clamd(true)
                // the deployment's own failover defaults (session timeout, heartbeat) are the ones under test
                .set(ServiceProcess.Kind.INSPECTION, "inspection.standby-replicas", "1");
    }

    /**
     * Takes over {@code deployment} (closed by {@link #close()}, or at once if it never decides) and returns once
     * every gateway decides.
     *
     * @param start       when the suite began (its figures count the deployment's start-up)
     * @param loadBefore  the load average before the start
     */
    ChaosSuite(String title, String figuresFile, DeploymentNodes deployment, Instant start, String loadBefore) {
        this.title = title;
        this.figuresFile = figuresFile;
        this.deployment = deployment;
        this.start = start;
        this.loadBefore = loadBefore;
        this.driver = new LoadDriver(deployment.endpoints(), deployment.mmsc(), ChaosMode.DEADLINE.plusSeconds(20),
                64);
        this.pass = new ChaosPass(driver, MODE);
        this.checks = new PassChecks(deployment, driver, PROFILE, MODE.floodLimit());
        try {
            checks.awaitEveryGatewayDecides();
        } catch (RuntimeException | Error e) {
            driver.close();
            deployment.close();
            throw e;
        }
        LOG.info("{}: deployment up and deciding {} s after the start", title,
                Duration.between(start, Instant.now()).toSeconds());
    }

    DeploymentNodes deployment() {
        return deployment;
    }

    PassChecks checks() {
        return checks;
    }

    void notifierKilledAndRestarted() {
        Node notifier = deployment.notifier();
        ChaosPass.Result r = run("notifier kill -9", 0, MODE.hold(), notifier::kill, notifier::restart);
        checks.invariants(r, List.of());
    }

    void brokerKilledAndRestarted() {
        Node broker = deployment.broker(2);
        ChaosPass.Result r = run("broker kill -9", 1, MODE.hold(), broker::kill, broker::restart);
        checks.invariants(r, List.of());
        // issue 16: temporary failures only within 5 s of the kill; 3x here. A session sent up to a decision
        // timeout (5 s) before the kill was still waiting when it happened.
        assertThat(failedSessions(r)).as("sessions failed outside the 15 s after the broker kill")
                .allSatisfy(a -> assertThat(secondsFromFault(r, a)).isBetween(-5.0, 15.0));
    }

    void inspectionInstanceKilledAndRestarted() {
        Node owner = floodOwner(2);
        ChaosPass.Result r = run("inspection kill -9", 2, MODE.hold(), owner::kill, owner::restart);
        checks.invariants(r, List.of());
        // issue 16: at most 10 s of failing sessions after the kill; 3x here
        assertThat(r.figures().lastFailure().orElse(0)).as("last failed session, s after the kill")
                .isLessThanOrEqualTo(30.0);
    }

    void inspectionInstancePausedLongerThanItsSessionTimeout() {
        Node owner = floodOwner(3);
        ChaosPass.Result r = run("inspection SIGSTOP", 3, MODE.pause(), owner::pause, owner::resume);
        checks.invariants(r, List.of());
    }

    void gatewayKilledAndRestarted() {
        Node gateway = deployment.gateway(0);
        ChaosPass.Result r = run("gateway kill -9", 4, MODE.hold(), gateway::kill, gateway::restart);
        Endpoints killed = deployment.endpoints(0);
        checks.invariants(r, List.of(killed));
        assertThat(r.answers().all()).as("sessions to the gateway that stayed up")
                .filteredOn(a -> !a.gateway().equals(killed))
                .allSatisfy(a -> assertThat(a.kind()).as("%s %s", a.transactionId(), a.detail())
                        .isIn(AnswerKind.OK, AnswerKind.BLOCKED));
        assertThat(r.answers().all()).as("the killed gateway refused connections")
                .anyMatch(a -> a.gateway().equals(killed) && a.kind() == AnswerKind.UNREACHABLE);
    }

    void registryStoppedAndStarted() {
        Node registry = deployment.registry();
        ChaosPass.Result r = run("registry stopped", 5, MODE.outage(), registry::stop, registry::restart);
        checks.invariants(r, List.of());
    }

    void clamdKilledAndRestarted() {
        Node clamd = deployment.clamd();
        ChaosPass.Result r = run("clamd kill -9", 7, MODE.outage(), clamd::kill, clamd::restart);
        checks.invariants(r, List.of());
        // The profile is fail-closed: a scan that cannot reach clamd fails (connection refused), and the decision is
        // a temporary failure, unless the flood block (decided before a scan failure counts) refuses it for good.
        assertThat(r.underFault()).as("sessions while clamd was down").isNotEmpty()
                .allSatisfy(a -> assertThat(a.kind() == AnswerKind.TEMPORARY_FAILURE
                        || a.kind() == AnswerKind.BLOCKED && a.message().flood())
                        .as("%s %s %s", a.transactionId(), a.kind(), a.detail()).isTrue())
                .anyMatch(a -> a.kind() == AnswerKind.TEMPORARY_FAILURE);
    }

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
    private Node floodOwner(int index) {
        Node owner = deployment.floodOwner("MM1", pass.plan("owner", index).floodSenderIds().get(0), PROFILE);
        LOG.info("{}: pass {} hits {}, the owner of its first flood sender", title, index, owner.name());
        return owner;
    }

    /** One pass: its plan named after it, {@code fault} and {@code restore} on its timeline, the figures logged. */
    ChaosPass.Result run(String name, int index, Duration hold, Runnable fault, Runnable restore) {
        LoadPlan plan = pass.plan(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), index);
        ChaosPass.Result r = pass.run(name, plan, hold, fault, restore);
        results.add(r);
        checks.awaitEveryGatewayDecides();
        LOG.info("{} {}: {}", title, name, FiguresTable.row(r));
        return r;
    }

    private static List<Answer> failedSessions(ChaosPass.Result r) {
        return r.answers().all().stream().filter(Figures::failed).toList();
    }

    private static double secondsFromFault(ChaosPass.Result r, Answer a) {
        return Duration.between(r.fault(), a.sentAt()).toMillis() / 1000.0;
    }

    /** Writes the figures of the passes that ran, then stops the load driver and the deployment. */
    @Override
    public void close() throws IOException {
        try {
            if (!results.isEmpty()) {
                FiguresTable.write(figuresFile, FiguresTable.markdown(title, MODE, results,
                        Duration.between(start, Instant.now()), loadBefore, FiguresTable.loadAverage(),
                        Invariants.noticeRepeats(deployment.mmsc())));
            }
        } finally {
            try {
                driver.close();
            } finally {
                deployment.close();
            }
        }
    }
}
