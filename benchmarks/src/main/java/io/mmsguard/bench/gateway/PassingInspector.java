package io.mmsguard.bench.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.gateway.session.Inspector;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.gateway.session.SessionTicket;

/**
 * Decides PASS at once for every envelope, without Kafka or inspection. The gateway's listeners built around it
 * ({@code GatewayListeners} with fixed profiles) measure what the gateway itself costs (decoding, envelope building,
 * forwarding to the MMSC).
 */
public final class PassingInspector implements Inspector {
    private final String gatewayId;
    private final Duration timeout;

    public PassingInspector(String gatewayId, Duration timeout) {
        this.gatewayId = gatewayId;
        this.timeout = timeout;
    }

    @Override
    public SessionTicket newTicket() {
        return new SessionTicket(UUID.randomUUID().toString(), gatewayId, 0, Instant.now(), timeout);
    }

    @Override
    public CompletableFuture<SessionOutcome> inspect(MmsEnvelope envelope) {
        return CompletableFuture.completedFuture(new SessionOutcome.Decided(pass(envelope)));
    }

    /** A PASS decision for the envelope, as the topology would write it when nothing matched. */
    public static Decision pass(MmsEnvelope envelope) {
        return Decision.newBuilder()
                .setSessionId(envelope.getSessionId()).setGatewayId(envelope.getGatewayId())
                .setVerdict(Verdict.PASS).setReason(Reason.NONE).setNotifySender(false).setDecidedAt(Instant.now())
                .setProfile(envelope.getProfile()).setProfileVersion(0L)
                .setReplyPartition(envelope.getReplyPartition()).build();
    }

    @Override
    public Duration timeout() {
        return timeout;
    }
}
