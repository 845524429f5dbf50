package io.mmsguard.gateway.session;

import java.time.Instant;

import io.mmsguard.avro.MmsEnvelope;

/**
 * What the session core stamps on every envelope: the session id the decision will carry, this gateway, the reply
 * partition it reads, and when the message was received (the event time of every threshold).
 */
public record SessionTicket(String sessionId, String gatewayId, int replyPartition, Instant receivedAt) {

    public MmsEnvelope.Builder stamp(MmsEnvelope.Builder builder) {
        return builder.setSessionId(sessionId).setGatewayId(gatewayId).setReplyPartition(replyPartition)
                .setReceivedAt(receivedAt);
    }
}
