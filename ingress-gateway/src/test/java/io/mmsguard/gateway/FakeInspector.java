package io.mmsguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.gateway.session.Inspector;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.gateway.session.SessionTicket;

/**
 * The inspector of the gateway's handler tests: keeps every envelope and answers with the outcome the test chose
 * (no decision, i.e. a timeout, unless told otherwise), completing asynchronously as the session core does; or
 * throws from {@code inspect} itself, as a bug in the session core would; or holds the next inspection until the
 * test completes it.
 */
public final class FakeInspector implements Inspector {
    public final List<MmsEnvelope> envelopes = new CopyOnWriteArrayList<>();
    /** When set, {@code inspect} throws it. */
    public volatile RuntimeException failing;
    private final AtomicReference<CompletableFuture<SessionOutcome>> held = new AtomicReference<>();
    private volatile Function<MmsEnvelope, SessionOutcome> answer = e -> new SessionOutcome.TimedOut();

    /** Answers every envelope with {@code fn}'s outcome; an exception it throws fails the inspection's future. */
    public void answer(Function<MmsEnvelope, SessionOutcome> fn) {
        this.answer = fn;
    }

    public void answer(SessionOutcome outcome) {
        answer(e -> outcome);
    }

    /** The next inspection completes when the test completes the future returned. */
    public CompletableFuture<SessionOutcome> hold() {
        CompletableFuture<SessionOutcome> f = new CompletableFuture<>();
        held.set(f);
        return f;
    }

    /** The one envelope inspected. */
    public MmsEnvelope single() {
        assertThat(envelopes).hasSize(1);
        return envelopes.get(0);
    }

    @Override
    public SessionTicket newTicket() {
        return new SessionTicket(UUID.randomUUID().toString(), "gw-test", 0, Instant.now(), timeout());
    }

    @Override
    public CompletableFuture<SessionOutcome> inspect(MmsEnvelope envelope) {
        envelopes.add(envelope);
        if (failing != null) {
            throw failing;
        }
        CompletableFuture<SessionOutcome> manual = held.getAndSet(null);
        if (manual != null) {
            return manual;
        }
        Function<MmsEnvelope, SessionOutcome> fn = answer;
        return CompletableFuture.supplyAsync(() -> fn.apply(envelope));
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(10);
    }
}
