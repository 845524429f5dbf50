package io.mmsguard.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.mmsguard.harness.DeploymentNodes;
import io.mmsguard.harness.Invariants;
import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Endpoints;
import io.mmsguard.harness.load.Iface;
import io.mmsguard.harness.load.LoadDriver;
import io.mmsguard.harness.load.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the deployment suites of this package check between and after their passes, on one deployment. */
final class PassChecks {
    private static final Logger LOG = LoggerFactory.getLogger(PassChecks.class);

    private final DeploymentNodes deployment;
    private final LoadDriver driver;
    private final String profile;
    private final int floodLimit;
    private final AtomicInteger probes = new AtomicInteger();

    /** @param profile the profile whose MM1 flood threshold ({@code floodLimit}) the passes' flood senders meet */
    PassChecks(DeploymentNodes deployment, LoadDriver driver, String profile, int floodLimit) {
        this.deployment = deployment;
        this.driver = driver;
        this.profile = profile;
        this.floodLimit = floodLimit;
    }

    /**
     * Readiness as a client sees it: each gateway answers an MM1 session OK. Before the first pass (the cold start)
     * and after every restore, so that a pass starts on a deployment that works.
     */
    void awaitEveryGatewayDecides() {
        for (Endpoints gateway : deployment.endpoints()) {
            // The first probe at once: a fixed poll interval would otherwise also delay it by a second.
            await().atMost(Duration.ofMinutes(3)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        int n = probes.incrementAndGet();
                        Answer a = driver.send(new Message("probe-" + n, Iface.MM1, "+4918000" + (1000 + n % 9000),
                                false, false), gateway).join();
                        return a.kind() == AnswerKind.OK;
                    });
        }
    }

    /** Each sender's MM1 flood count under the profile, as {@code /state/flood} tells it. */
    Map<String, Long> floodCounts(Collection<String> senders) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String sender : senders) {
            counts.put(sender, deployment.floodCount("MM1", sender, profile));
        }
        return counts;
    }

    /**
     * Every invariant of issue 16 after a pass, each reported (not only the first that fails), the flood counts read
     * after the pass; UNREACHABLE only from {@code downGateways}.
     */
    void invariants(ChaosPass.Result r, List<Endpoints> downGateways) {
        Map<String, Long> counts = floodCounts(r.plan().floodSenderIds());
        LOG.info("{}: flood counts {}", r.name(), counts);
        Map<String, Runnable> checks = new LinkedHashMap<>();
        checks.put("every session answered", () -> Invariants.everySessionAnswered(r.answers(), ChaosMode.DEADLINE,
                downGateways));
        checks.put("no transaction twice", () -> Invariants.noTransactionTwice(deployment.mmsc()));
        checks.put("every OK delivered", () -> Invariants.everyOkWasDelivered(r.answers(), deployment.mmsc()));
        checks.put("nothing refused delivered", () -> Invariants.nothingRefusedWasDelivered(r.answers(),
                deployment.mmsc()));
        checks.put("no virus passed", () -> Invariants.noVirusPassed(r.answers(), deployment.mmsc()));
        checks.put("flood OK within the limit", () -> Invariants.floodBounded(r.answers(), r.plan().floodSenderIds(),
                floodLimit));
        checks.put("flood count >= OK + blocked", () -> Invariants.floodCountCoversDecided(r.answers(), counts));
        checks.put("flood count <= OK + blocked + temporary failures",
                () -> Invariants.floodCountWithinOffered(r.answers(), counts));
        checks.put("every notice once", () -> Invariants.everyNoticeOnce(deployment.mmsc()));
        List<String> failed = new ArrayList<>();
        checks.forEach((what, check) -> {
            try {
                check.run();
            } catch (AssertionError e) {
                failed.add(what + ": " + e.getMessage());
            }
        });
        assertThat(failed).as("invariants after %s (%s)", r.name(), r.answers()).isEmpty();
    }
}
