package io.mmsguard.gateway.session;

import java.time.Duration;
import java.time.Instant;

import io.mmsguard.avro.MmsEnvelope;

/**
 * What the session core stamps on every envelope: the session id the decision will carry, this gateway, the reply
 * partition it reads, when the message was received (the event time of every threshold), and how long the session is
 * held for a decision (the topology does not inspect or count a fail-closed envelope whose session has expired).
 */
public record SessionTicket(String sessionId, String gatewayId, int replyPartition, Instant receivedAt,
                            Duration sessionTimeout) {

    public MmsEnvelope.Builder stamp(MmsEnvelope.Builder builder) {
        return builder.setSessionId(sessionId).setGatewayId(gatewayId).setReplyPartition(replyPartition)
                .setReceivedAt(receivedAt).setSessionTimeoutMs(sessionTimeout.toMillis());
    }
}
