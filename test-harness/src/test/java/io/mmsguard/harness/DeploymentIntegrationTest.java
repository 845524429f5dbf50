package io.mmsguard.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Answers;
import io.mmsguard.harness.load.Iface;
import io.mmsguard.harness.load.LoadDriver;
import io.mmsguard.harness.load.LoadPlan;
import io.mmsguard.harness.load.Message;
import io.mmsguard.harness.mmsc.Delivery;
import io.mmsguard.testkit.ProcessSignals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One broker, the registry, one inspection instance, one gateway and the notifier, each its own process started
 * from its YAML file by the launcher; traffic over MM1, MM3, MM4 and MM7 judged end to end, and faults injected
 * by PID.
 */
class DeploymentIntegrationTest {
    /** Guards against a hang only; answers normally take well under a second. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final int FLOOD_LIMIT = 3;

    private static Deployment deployment;
    private static LoadDriver driver;

    @BeforeAll
    static void start() {
        deployment = Deployment.builder(Path.of("target", "harness", "it-" + System.currentTimeMillis()))
                .brokers(1).replication(1, 1).inspections(1).gateways(1).notifier(true)
                .topics(ProjectTopics.plan())
                .profiles(stub -> HarnessProfiles.floodAndVirusNotices(10, FLOOD_LIMIT, false, stub.noticesUri()))
                // Generous for a loaded CI machine, where a cold pipeline's first decisions take seconds; a paused
                // inspection instance is answered by a temporary failure after this long.
                .set(ServiceProcess.Kind.GATEWAY, "gateway.decision-timeout", "20s")
                .start();
        driver = new LoadDriver(deployment.endpoints(), deployment.mmsc(), ANSWER_TIMEOUT, 8);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.close();
        }
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void theStateQueriesNeedTheDeploymentsTokenAndTheProbesDoNot() throws Exception {
        URI state = URI.create("http://127.0.0.1:" + deployment.inspection(0).adminPort()
                + "/state/flood?interface=MM1&key=%2B491709&profile=default");

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(state).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(deployment.inspection(0).readiness().status()).isEqualTo(200);
        assertThat(deployment.floodCount("MM1", "+491709", "default")).as("asked with the token").isZero();
    }

    @Test
    void cleanMessagesPassEicarIsBlockedAndFloodsStopAtTheLimitOnEveryInterface() {
        LoadPlan plan = LoadPlan.builder().runId("mix").messages(3, Iface.values()).eicarEvery(3)
                .senders(10, "+491701").floodSenders(1, FLOOD_LIMIT + 2, Iface.MM1).build();

        Answers answers = driver.run(plan);

        assertThat(answers.size()).isEqualTo(plan.messages().size());
        List<Answer> ordinary = answers.all().stream().filter(a -> !a.message().flood()).toList();
        assertThat(ordinary).hasSize(12).allSatisfy(a -> assertThat(a.kind())
                .as("%s %s", a.transactionId(), a.detail())
                .isEqualTo(a.message().eicar() ? AnswerKind.BLOCKED : AnswerKind.OK));
        List<Answer> flood = answers.all().stream().filter(a -> a.message().flood()).toList();
        assertThat(flood).extracting(Answer::kind).containsOnly(AnswerKind.OK, AnswerKind.BLOCKED)
                .filteredOn(k -> k == AnswerKind.OK).hasSize(FLOOD_LIMIT);
        // The gateway's MM4 block is an MM4_forward.RES to the originator, which the stub's MM4 listener is.
        answers.of(Iface.MM4).stream().filter(a -> a.kind() == AnswerKind.BLOCKED).forEach(a ->
                assertThat(deployment.mmsc().withTransactionId(a.transactionId())).extracting(Delivery::type)
                        .containsExactly(Delivery.MM4_FORWARD_RES));
        Invariants.check(answers, deployment.mmsc());
        Invariants.floodBounded(answers, plan.floodSenderIds(), FLOOD_LIMIT);
        // The MM1 virus reaches the administrator through the notifier process.
        await().atMost(Duration.ofMinutes(2)).until(() -> !deployment.mmsc().notices().isEmpty());
    }

    @Test
    void aGatewayKilledByPidIsGoneUntilRestartedOnItsOwnConfiguration() {
        ServiceProcess gateway = deployment.gateway(0);
        long before = gateway.pid();

        gateway.kill();

        assertThat(gateway.isRunning()).isFalse();
        assertThat(ProcessHandle.of(before)).isEmpty();
        Answer refused = driver.send(new Message("killed-1", Iface.MM1, "+4917020000", false, false),
                deployment.endpoints(0)).join();
        assertThat(refused.kind()).as(refused.detail()).isEqualTo(AnswerKind.UNREACHABLE);

        gateway.restart();

        assertThat(gateway.pid()).isNotEqualTo(before);
        Answers after = driver.run(LoadPlan.builder().runId("restarted").messages(1, Iface.values())
                .senders(1, "+491702").build());
        assertThat(after.all()).hasSize(4).allSatisfy(a -> assertThat(a.kind()).as(a.detail())
                .isEqualTo(AnswerKind.OK));
        assertThat(deployment.mmsc().countOf("killed-1")).isZero();
        Invariants.check(after, deployment.mmsc());
    }

    @Test
    void aPausedInspectionInstanceMeansATemporaryFailureUntilItIsResumed() {
        ServiceProcess inspection = deployment.inspection(0);

        inspection.pause();
        Answer during;
        try {
            assertThat(ProcessSignals.state(inspection.pid())).isEqualTo('T');
            during = driver.send(new Message("paused-1", Iface.MM7, "+4917030000", false, false),
                    deployment.endpoints(0)).join();
        } finally {
            inspection.resume();
        }

        assertThat(during.kind()).as(during.detail()).isEqualTo(AnswerKind.TEMPORARY_FAILURE);
        Answer resumed = driver.send(new Message("resumed-1", Iface.MM7, "+4917030001", false, false),
                deployment.endpoints(0)).join();
        assertThat(resumed.kind()).as(resumed.detail()).isEqualTo(AnswerKind.OK);
        assertThat(deployment.mmsc().countOf("paused-1")).isZero();
        assertThat(deployment.mmsc().countOf("resumed-1")).isEqualTo(1);
    }
}
