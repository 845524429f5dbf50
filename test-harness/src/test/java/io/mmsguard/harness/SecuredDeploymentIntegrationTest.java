package io.mmsguard.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mmsguard.deploy.AccessPlan;
import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Answers;
import io.mmsguard.harness.load.Iface;
import io.mmsguard.harness.load.LoadDriver;
import io.mmsguard.harness.load.LoadPlan;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * compose's Kafka security on the harness: the broker serves clients on SASL_SSL with SCRAM-SHA-512 and ACLs
 * ({@code mmsguard acl apply} of AccessPlan), the schemas are registered by {@code mmsguard schemas register}, and the
 * inspection service and the gateway run as their principals with auto.register.schemas off. Sessions are decided end
 * to end: gateway, inspection, decision, MMSC stub.
 */
class SecuredDeploymentIntegrationTest {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static Deployment deployment;
    private static LoadDriver driver;

    @BeforeAll
    static void start() {
        deployment = Deployment.builder(Path.of("target", "harness", "secured-" + System.currentTimeMillis()))
                .brokers(1).replication(1, 1).inspections(1).gateways(1).notifier(false)
                .topics(ProjectTopics.plan())
                .profiles(stub -> HarnessProfiles.floodAndVirusNotices(10, 100, false, stub.noticesUri()))
                .secured(new Deployment.Principals(AccessPlan.INSPECTION, AccessPlan.GATEWAY, AccessPlan.NOTIFIER,
                        AccessPlan.OPERATOR))
                .set(ServiceProcess.Kind.GATEWAY, "gateway.decision-timeout", "20s")
                .start();
        driver = new LoadDriver(deployment.endpoints(), deployment.mmsc(), ANSWER_TIMEOUT, 4);
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
    void sessionsAreDecidedEndToEndOverTlsAndScramWithTheAclsOn() {
        LoadPlan plan = LoadPlan.builder().runId("secured").messages(2, Iface.MM1, Iface.MM7).eicarEvery(2)
                .senders(2, "+491709").build();

        Answers answers = driver.run(plan);

        assertThat(answers.all()).hasSize(plan.messages().size()).allSatisfy(a -> assertThat(a.kind())
                .as("%s %s", a.transactionId(), a.detail())
                .isEqualTo(a.message().eicar() ? AnswerKind.BLOCKED : AnswerKind.OK));
        assertThat(answers.all()).extracting(Answer::kind).contains(AnswerKind.OK, AnswerKind.BLOCKED);
        Invariants.check(answers, deployment.mmsc());
    }

    @Test
    void aClientWithoutCredentialsGetsNothingFromTheBroker() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                deployment.bootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            // A plaintext client cannot even complete the TLS handshake: it times out without an answer.
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOfAny(java.util.concurrent.ExecutionException.class,
                            java.util.concurrent.TimeoutException.class);
        }
    }
}
