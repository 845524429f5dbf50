package io.mmsguard.gateway.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.gateway.http.UpstreamFailure;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.Envelopes;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.gateway.session.SessionTicket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every outcome of a held session once: which single answer it gets, what reaches the upstream, and the one outcome
 * counted. The protocols' own answers (bytes on the wire) are asserted by their handler tests.
 */
class SessionAnswersTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SessionAnswers answers = new SessionAnswers("MMX", new GatewayMetrics(meters));
    private final Held held = new Held();

    /** A protocol whose answers are strings naming what was chosen, and whose upstream the test scripts. */
    private static final class Held implements HeldMessage<String, String> {
        final List<String> forwarded = new ArrayList<>();
        boolean present = true;
        boolean strippable = true;
        CompletableFuture<String> upstream = CompletableFuture.completedFuture("250 queued");

        @Override
        public String transactionId() {
            return "T-1";
        }

        @Override
        public boolean clientPresent() {
            return present;
        }

        @Override
        public CompletableFuture<String> forward() {
            forwarded.add("original");
            return upstream;
        }

        @Override
        public Optional<CompletableFuture<String>> strip(Decision decision) {
            if (!strippable) {
                return Optional.empty();
            }
            forwarded.add("without " + decision.getPartsToStrip());
            return Optional.of(upstream);
        }

        @Override
        public String relay(String upstreamAnswer) {
            return "relayed " + upstreamAnswer;
        }

        @Override
        public boolean refused(String upstreamAnswer) {
            return upstreamAnswer.startsWith("4");
        }

        @Override
        public String blocked(Decision decision) {
            return "blocked " + decision.getReplacementText();
        }

        @Override
        public String temporaryFailure() {
            return "temporary failure";
        }

        @Override
        public String notConfirmed() {
            return "not confirmed";
        }

        @Override
        public String code(String answer) {
            return answer;
        }
    }

    private static SessionOutcome decided(Verdict verdict) {
        return new SessionOutcome.Decided(Decision.newBuilder().setSessionId("s").setGatewayId("gw")
                .setVerdict(verdict).setReason(verdict == Verdict.TEMPORARY_FAILURE ? Reason.SCANNER_FAILURE
                        : Reason.VIRUS).setPartsToStrip(List.of(1)).setReplacementText("text")
                .setDecidedAt(Instant.now()).setProfile("p").build());
    }

    private Optional<String> answer(SessionOutcome outcome, boolean failOpen) throws Exception {
        return answers.answer(Envelopes.envelope(new SessionTicket("s", "gw", 0, Instant.now(), Duration.ofSeconds(5))),
                outcome, failOpen, held).get();
    }

    /** Every outcome counted, as "outcome/reason" with its count. */
    private Map<String, Double> counted() {
        return meters.find("mmsguard.gateway.outcomes").tag("interface", "MMX").counters().stream()
                .collect(Collectors.toMap(c -> c.getId().getTag("outcome") + "/" + c.getId().getTag("reason"),
                        Counter::count));
    }

    @Test
    void aClientThatHasGoneGetsNothingAndNothingIsForwarded() throws Exception {
        held.present = false;

        assertThat(answer(decided(Verdict.PASS), true)).isEmpty();

        assertThat(held.forwarded).isEmpty();
        assertThat(counted()).containsExactly(Map.entry("client-gone/VIRUS", 1.0));
    }

    @ParameterizedTest
    @EnumSource(value = Verdict.class, names = {"PASS", "PASS_UNSCANNED"})
    void aPassForwardsTheOriginalAndRelaysTheUpstreamsAnswer(Verdict verdict) throws Exception {
        assertThat(answer(decided(verdict), false)).contains("relayed 250 queued");

        assertThat(held.forwarded).containsExactly("original");
        assertThat(counted()).containsExactly(Map.entry("forwarded/VIRUS", 1.0));
    }

    @Test
    void aStripForwardsTheMessageWithoutTheParts() throws Exception {
        assertThat(answer(decided(Verdict.STRIP), false)).contains("relayed 250 queued");

        assertThat(held.forwarded).containsExactly("without [1]");
        assertThat(counted()).containsExactly(Map.entry("stripped/VIRUS", 1.0));
    }

    @Test
    void aStripThatCannotBeDoneFaithfullyIsABlock() throws Exception {
        held.strippable = false;

        assertThat(answer(decided(Verdict.STRIP), true)).contains("blocked text");

        assertThat(held.forwarded).isEmpty();
        assertThat(counted()).containsExactly(Map.entry("blocked/VIRUS-strip-as-block", 1.0));
    }

    @Test
    void aBlockIsTheProtocolsBlockAnswerAndForwardsNothing() throws Exception {
        assertThat(answer(decided(Verdict.BLOCK), true)).contains("blocked text");

        assertThat(held.forwarded).isEmpty();
        assertThat(counted()).containsExactly(Map.entry("blocked/VIRUS", 1.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "unavailable", "temporary-SCANNER_FAILURE"})
    void withoutADecisionFailClosedIsATemporaryFailure(String reason) throws Exception {
        assertThat(answer(noDecision(reason), false)).contains("temporary failure");

        assertThat(held.forwarded).isEmpty();
        assertThat(counted()).containsExactly(Map.entry("temporary-failure/" + reason, 1.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "unavailable", "temporary-SCANNER_FAILURE"})
    void withoutADecisionFailOpenForwardsTheOriginal(String reason) throws Exception {
        assertThat(answer(noDecision(reason), true)).contains("relayed 250 queued");

        assertThat(held.forwarded).containsExactly("original");
        assertThat(counted()).containsExactly(Map.entry("fail-open/" + reason, 1.0));
    }

    private static SessionOutcome noDecision(String reason) {
        return switch (reason) {
            case "timeout" -> new SessionOutcome.TimedOut();
            case "unavailable" -> new SessionOutcome.Unavailable("kafka down");
            default -> decided(Verdict.TEMPORARY_FAILURE);
        };
    }

    @Test
    void anUpstreamThatRefusesForNowIsRelayedAndCountedAsAnUpstreamError() throws Exception {
        held.upstream = CompletableFuture.completedFuture("451 busy");

        assertThat(answer(decided(Verdict.PASS), false)).contains("relayed 451 busy");

        assertThat(counted()).containsExactly(Map.entry("upstream-error/VIRUS", 1.0));
    }

    @Test
    void anUpstreamThatDidNotGetTheMessageIsATemporaryFailure() throws Exception {
        held.upstream = CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Stage.NOT_SENT,
                "connection refused", null));

        assertThat(answer(decided(Verdict.PASS), false)).contains("temporary failure");

        assertThat(counted()).containsExactly(Map.entry("upstream-error/VIRUS", 1.0));
    }

    @Test
    void anUpstreamThatGotTheMessageAndDidNotAnswerIsNotRetried() throws Exception {
        held.upstream = CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Stage.NO_ANSWER,
                "connection closed", null));

        assertThat(answer(decided(Verdict.STRIP), false)).contains("not confirmed");

        assertThat(counted()).containsExactly(Map.entry("upstream-error/VIRUS", 1.0));
    }

    @Test
    void aForwardFailingForAnotherReasonFailsTheAnswerAndCountsNothing() {
        held.upstream = CompletableFuture.failedFuture(new IllegalStateException("bug"));

        assertThatThrownBy(() -> answer(decided(Verdict.PASS), false)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(counted()).isEmpty();
    }

    @Test
    void anInspectionThatFailsSettlesAsUnavailable() throws Exception {
        SessionOutcome outcome = SessionAnswers.settled(
                CompletableFuture.failedFuture(new IllegalStateException("broken inspector"))).get();

        assertThat(outcome).isInstanceOf(SessionOutcome.Unavailable.class);
        assertThat(((SessionOutcome.Unavailable) outcome).reason()).contains("broken inspector");
    }
}
