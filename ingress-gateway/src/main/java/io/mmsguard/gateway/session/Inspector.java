package io.mmsguard.gateway.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.mmsguard.avro.MmsEnvelope;

/** What a protocol handler needs from the session core; an interface so handlers can be tested without Kafka. */
public interface Inspector {

    SessionTicket newTicket();

    /** Never completes exceptionally; completes within {@link #timeout()}. */
    CompletableFuture<SessionOutcome> inspect(MmsEnvelope envelope);

    Duration timeout();
}
