package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ShadowLog;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import org.junit.jupiter.api.Test;

class ShadowComparisonTest {
    private static final Instant AT = Instant.parse("2026-12-06T06:00:00Z");

    @Test
    void aSessionWithoutALiveRecordWasPassedAndALiveBlockTheShadowPassesIsTheReverseLine() {
        ShadowComparison c = new ShadowComparison();
        c.add(shadow("s1", "+491", Verdict.BLOCK, Reason.FLOOD, List.of(flood(2, true))), Optional.empty());
        c.add(shadow("s2", "+492", Verdict.PASS, Reason.NONE, List.of(flood(2, false))),
                Optional.of(live("s2", Verdict.BLOCK, Reason.VIRUS)));
        c.add(shadow("s3", "+493", Verdict.BLOCK, Reason.VIRUS, List.of()),
                Optional.of(live("s3", Verdict.BLOCK, Reason.VIRUS)));
        c.add(shadow("s4", "+491", Verdict.BLOCK, Reason.FLOOD, List.of(flood(2, true))), Optional.empty());

        assertThat(c.lines()).extracting(l -> l.side() + " " + l.reason() + " " + l.threshold() + " " + l.messages()
                + " " + l.senders() + " " + l.sessions())
                .containsExactly("SHADOW_ONLY FLOOD FLOOD #1 (2 per 60 min) 2 [+491] [s1, s4]",
                        "LIVE_ONLY VIRUS - 1 [+492] [s2]");
        assertThat(c.render()).endsWith("total: 4 message(s) judged by the shadow; shadow blocks, live passed: 2;"
                + " live blocks, shadow passed: 1; same block/pass: 1\n");
    }

    @Test
    void aSimilarBlockGetsItsThresholdRowLikeFloodAndDuplicate() {
        ShadowComparison c = new ShadowComparison();
        c.add(shadow("s1", "+491", Verdict.BLOCK, Reason.SIMILAR, List.of(flood(5, false), similar(2, true))),
                Optional.empty());
        c.add(shadow("s2", "+492", Verdict.PASS, Reason.NONE, List.of(similar(10, false))),
                Optional.of(live("s2", Verdict.BLOCK, Reason.SIMILAR, List.of(similar(3, true)))));

        assertThat(c.lines()).extracting(l -> l.side() + " " + l.reason() + " " + l.threshold() + " " + l.messages())
                .containsExactly("SHADOW_ONLY SIMILAR SIMILAR #1 (2 per 60 min) 1",
                        "LIVE_ONLY SIMILAR SIMILAR #1 (3 per 60 min) 1");
    }

    private static ThresholdCount flood(int limit, boolean exceeded) {
        return count(ThresholdKind.FLOOD, limit, exceeded);
    }

    private static ThresholdCount similar(int limit, boolean exceeded) {
        return count(ThresholdKind.SIMILAR, limit, exceeded);
    }

    private static ThresholdCount count(ThresholdKind kind, int limit, boolean exceeded) {
        return ThresholdCount.newBuilder().setKind(kind).setIndex(1).setWindowMinutes(60)
                .setLimit(limit).setCount(exceeded ? limit + 1 : 1).setExceeded(exceeded)
                .setActions(List.of(ThresholdAction.BLOCK)).build();
    }

    private static ShadowLog shadow(String session, String sender, Verdict verdict, Reason reason,
                                    List<ThresholdCount> thresholds) {
        return ShadowLog.newBuilder().setSessionId(session).setMmsInterface(MmsInterface.MM1)
                .setDirection(Direction.SEND).setSender(sender).setReceivedAt(AT).setLiveProfile("live")
                .setLiveProfileVersion(1).setShadowProfile("strict").setShadowProfileVersion(1).setVerdict(verdict)
                .setReason(reason).setThresholds(thresholds).setDecidedAt(AT).build();
    }

    private static InspectionLog live(String session, Verdict verdict, Reason reason) {
        return live(session, verdict, reason, List.of());
    }

    private static InspectionLog live(String session, Verdict verdict, Reason reason,
                                      List<ThresholdCount> thresholds) {
        return InspectionLog.newBuilder().setThresholds(thresholds).setSessionId(session).setGatewayId("gw").setMmsInterface(MmsInterface.MM1)
                .setDirection(Direction.SEND).setSender("+492").setRecipientCount(1).setPartCount(1)
                .setOriginalSize(100).setScans(List.of()).setVerdict(verdict).setReason(reason).setProfile("live")
                .setReceivedAt(AT).setDecidedAt(AT).setLatencyMillis(0).build();
    }
}
