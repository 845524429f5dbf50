package io.mmsguard.gateway.session;

import java.util.concurrent.CompletableFuture;

import io.mmsguard.avro.MmsEnvelope;

/** Where envelopes go for inspection: Kafka in production ({@link EnvelopePublisher}). */
public interface EnvelopeSink {

    /** Completes when the envelope is durably written, exceptionally when it cannot be. */
    CompletableFuture<?> publish(MmsEnvelope envelope);
}
