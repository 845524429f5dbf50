package io.mmsguard.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds sessions for every interface: stamps the envelope, registers the session, publishes, and completes with the
 * decision, a timeout or "unavailable", whichever comes first, exactly once. The returned future never completes
 * exceptionally and always completes within the timeout, so no session can hang. Completion runs on a Kafka or timer
 * thread: protocol handlers hop back to their own event loop before writing.
 */
public final class SessionCore implements Inspector {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCore.class);

    private final String gatewayId;
    private final List<Integer> replyPartitions;
    private final Duration timeout;
    private final EnvelopeSink publisher;
    private final PendingSessions pending;
    private final GatewayMetrics metrics;
    private final ScheduledExecutorService timer;
    private final RoundTrips roundTrips;
    private final AtomicInteger next = new AtomicInteger();

    /** @param roundTrips told of every decision and every session without one (readiness) */
    public SessionCore(String gatewayId, List<Integer> replyPartitions, Duration timeout, EnvelopeSink publisher,
                       PendingSessions pending, GatewayMetrics metrics, ScheduledExecutorService timer,
                       RoundTrips roundTrips) {
        if (replyPartitions.isEmpty()) {
            throw new IllegalArgumentException("a gateway needs at least one reply partition");
        }
        this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
        this.replyPartitions = List.copyOf(replyPartitions);
        this.timeout = timeout;
        this.publisher = publisher;
        this.pending = pending;
        this.metrics = metrics;
        this.timer = timer;
        this.roundTrips = roundTrips;
    }

    /** A new session: a random id, one of this gateway's reply partitions (round robin), received now. */
    @Override
    public SessionTicket newTicket() {
        int partition = replyPartitions.get(Math.floorMod(next.getAndIncrement(), replyPartitions.size()));
        return new SessionTicket(UUID.randomUUID().toString(), gatewayId, partition, Instant.now(), timeout);
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public CompletableFuture<SessionOutcome> inspect(MmsEnvelope envelope) {
        String id = envelope.getSessionId();
        String iface = envelope.getMmsInterface().name();
        metrics.session(iface);
        long started = System.nanoTime();
        CompletableFuture<SessionOutcome> result = new CompletableFuture<>();
        CompletableFuture<Decision> decision = pending.register(id);
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            if (pending.remove(id) != null) {
                metrics.timeout(iface);
                roundTrips.failed(started);
                LOG.warn("session {}: no decision within {}", id, timeout);
                result.complete(new SessionOutcome.TimedOut());
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        decision.thenAccept(d -> {
            deadline.cancel(false);
            roundTrips.decided();
            metrics.decisionLatency(iface, Duration.ofNanos(System.nanoTime() - started));
            result.complete(new SessionOutcome.Decided(d));
        });
        publisher.publish(envelope).whenComplete((meta, e) -> {
            if (e != null && pending.remove(id) != null) {
                deadline.cancel(false);
                roundTrips.failed(started);
                LOG.warn("session {}: not published: {}", id, e.toString());
                result.complete(new SessionOutcome.Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        });
        return result;
    }
}
