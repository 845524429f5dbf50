package io.mmsguard.gateway.session;

import java.time.Instant;
import java.util.List;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Transport;
import io.mmsguard.avro.Verdict;

/** Minimal envelopes and decisions for the session-core tests. */
public final class Envelopes {

    private Envelopes() {
    }

    public static MmsEnvelope envelope(SessionTicket ticket) {
        return ticket.stamp(MmsEnvelope.newBuilder())
                .setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND).setSender("+491701")
                .setRecipients(List.of()).setContentType("application/vnd.wap.multipart.mixed").setParts(List.of())
                .setOriginalSize(10).setTransport(Transport.newBuilder().setListener("test").build())
                .setProfile("default").build();
    }

    static Decision pass(String sessionId, int partition) {
        return Decision.newBuilder().setSessionId(sessionId).setGatewayId("gw").setVerdict(Verdict.PASS)
                .setReason(Reason.NONE).setNotifySender(false).setDecidedAt(Instant.now()).setProfile("default")
                .setProfileVersion(0L).setReplyPartition(partition).build();
    }
}
