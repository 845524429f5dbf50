package io.mmsguard.inspection.decision;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.ShadowLog;
import io.mmsguard.avro.Verdict;
import io.mmsguard.avro.Reason;
import java.time.Instant;
import java.util.List;

/**
 * The mms.shadow-log record of one message: the shadow profile's would-be decision, with the thresholds it counted
 * in its own state, beside the live profile that named it. Built from the same decision and inspection-log
 * factories as the live records, so a shadow decides exactly as the live profile would with the shadow's content.
 */
public final class ShadowLogFactory {

    private ShadowLogFactory() {
    }

    /** A message the shadow judged. */
    public static ShadowLog create(Inspection in, Instant decidedAt, String liveProfile, long liveVersion) {
        Decision decision = DecisionFactory.decide(in, decidedAt);
        InspectionLog log = InspectionLogFactory.create(in, decision);
        return builder(in.envelope(), liveProfile, liveVersion)
                .setChecksum(log.getChecksum())
                .setShadowProfile(decision.getProfile())
                .setShadowProfileVersion(decision.getProfileVersion())
                .setVerdict(decision.getVerdict())
                .setReason(decision.getReason())
                .setDetail(decision.getDetail())
                .setThresholds(log.getThresholds())
                .setDecidedAt(decidedAt)
                .build();
    }

    /** A message the shadow could not judge (a failure in its stages): what the live path would call a temporary failure. */
    public static ShadowLog failed(MmsEnvelope envelope, String shadowProfile, long shadowVersion, String detail,
                                   Instant decidedAt, String liveProfile, long liveVersion) {
        return builder(envelope, liveProfile, liveVersion)
                .setShadowProfile(shadowProfile)
                .setShadowProfileVersion(shadowVersion)
                .setVerdict(Verdict.TEMPORARY_FAILURE)
                .setReason(Reason.SCANNER_FAILURE)
                .setDetail(detail)
                .setThresholds(List.of())
                .setDecidedAt(decidedAt)
                .build();
    }

    private static ShadowLog.Builder builder(MmsEnvelope env, String liveProfile, long liveVersion) {
        return ShadowLog.newBuilder()
                .setSessionId(env.getSessionId())
                .setMmsInterface(env.getMmsInterface())
                .setDirection(env.getDirection())
                .setSender(env.getSender())
                .setReceivedAt(env.getReceivedAt())
                .setLiveProfile(liveProfile)
                .setLiveProfileVersion(liveVersion);
    }
}
