package io.mmsguard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.MmsEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionCoreTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PendingSessions pending = new PendingSessions(100);
    private final RoundTrips roundTrips = new RoundTrips(1, Duration.ofMinutes(1), System::nanoTime);
    private CompletableFuture<Object> published = new CompletableFuture<>();

    private SessionCore core(Duration timeout) {
        return new SessionCore("gw-1", List.of(4, 5), timeout, e -> published, pending, new GatewayMetrics(meters),
                timer, roundTrips);
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void ticketsCarryTheGatewayAndItsReplyPartitionsInTurn() {
        SessionCore core = core(Duration.ofSeconds(5));
        SessionTicket a = core.newTicket();
        SessionTicket b = core.newTicket();
        SessionTicket c = core.newTicket();

        assertThat(List.of(a.replyPartition(), b.replyPartition(), c.replyPartition())).containsExactly(4, 5, 4);
        assertThat(a.gatewayId()).isEqualTo("gw-1");
        assertThat(a.sessionId()).isNotEqualTo(b.sessionId());
    }

    @Test
    void theDecisionCompletesTheSession() throws Exception {
        SessionCore core = core(Duration.ofSeconds(30));
        MmsEnvelope env = Envelopes.envelope(core.newTicket());
        CompletableFuture<SessionOutcome> outcome = core.inspect(env);
        published.complete("written");

        pending.complete(Envelopes.pass(env.getSessionId(), 4));

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(SessionOutcome.Decided.class,
                d -> assertThat(d.decision().getSessionId()).isEqualTo(env.getSessionId()));
        assertThat(pending.size()).isZero();
        assertThat(meters.get("mmsguard.gateway.decision.latency").timer().count()).isEqualTo(1);
        assertThat(roundTrips.problem()).isEmpty();
    }

    @Test
    void noDecisionInTimeIsATimeoutAndALateDecisionFindsNobody() throws Exception {
        SessionCore core = core(Duration.ofMillis(200));
        MmsEnvelope env = Envelopes.envelope(core.newTicket());
        CompletableFuture<SessionOutcome> outcome = core.inspect(env);
        published.complete("written");

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(SessionOutcome.TimedOut.class);
        assertThat(pending.complete(Envelopes.pass(env.getSessionId(), 4))).isFalse();
        assertThat(meters.get("mmsguard.gateway.timeouts").counter().count()).isEqualTo(1);
        assertThat(roundTrips.problem()).as("a timeout is a failed round trip").isPresent();
    }

    @Test
    void aFailedPublishEndsTheSessionAtOnceAsUnavailable() throws Exception {
        SessionCore core = core(Duration.ofMinutes(5));
        MmsEnvelope env = Envelopes.envelope(core.newTicket());
        CompletableFuture<SessionOutcome> outcome = core.inspect(env);

        published.completeExceptionally(new org.apache.kafka.common.errors.TimeoutException("no broker"));

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(SessionOutcome.Unavailable.class,
                u -> assertThat(u.reason()).contains("no broker"));
        assertThat(pending.size()).isZero();
        assertThat(roundTrips.problem()).as("so is a failed publish").isPresent();
    }
}
