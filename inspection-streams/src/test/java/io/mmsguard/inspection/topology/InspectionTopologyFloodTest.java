package io.mmsguard.inspection.topology;

import static io.mmsguard.avro.ThresholdAction.ALERT_ADMIN;
import static io.mmsguard.avro.ThresholdAction.ARCHIVE;
import static io.mmsguard.avro.ThresholdAction.ARCHIVE_FIRST;
import static io.mmsguard.avro.ThresholdAction.BLOCK;
import static io.mmsguard.avro.ThresholdAction.LOG;
import static io.mmsguard.inspection.topology.TopologyFixture.SENDER;
import static io.mmsguard.inspection.topology.TopologyFixture.T0;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1Flood;
import static io.mmsguard.inspection.topology.TopologyFixture.profile;
import static io.mmsguard.inspection.topology.TopologyFixture.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.mmsguard.avro.ArchiveKind;
import io.mmsguard.avro.ArchiveTrigger;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.LoggingSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.topology.TopologyFixture.Result;
import org.junit.jupiter.api.Test;

/** Flood thresholds per sender through the whole topology: event time is the envelope's receivedAt. */
class InspectionTopologyFloodTest extends TopologyTestSupport {

    @Test
    void theLimitPassesAndTheNextMessageIsBlocked() {
        fx.publish(mm1Flood(threshold(1, 3, 0, LOG, BLOCK)));
        for (int i = 0; i < 3; i++) {
            Result r = fx.send(mm1(at(i)));
            assertThat(r.verdict()).as("message %d", i + 1).isEqualTo(Verdict.PASS);
            assertThat(r.reason()).isEqualTo(Reason.NONE);
            assertThat(r.decision().getThreshold()).isNull();
            assertThat(r.decision().getResponseStatus()).isNull();
        }
        fx.driver.advanceWallClockTime(Duration.ofSeconds(5));
        Result blocked = fx.send(mm1(at(3)));

        assertThat(blocked.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(blocked.reason()).isEqualTo(Reason.FLOOD);
        assertThat(blocked.decision().getDetail()).isEqualTo("flood threshold 1: 4 in 1 min > limit 3");
        ThresholdCount th = blocked.decision().getThreshold();
        assertThat(th.getKind()).isEqualTo(ThresholdKind.FLOOD);
        assertThat(th.getIndex()).isEqualTo(1);
        assertThat(th.getWindowMinutes()).isEqualTo(1);
        assertThat(th.getLimit()).isEqualTo(3);
        assertThat(th.getCount()).isEqualTo(4);
        assertThat(th.getExceeded()).isTrue();
        assertThat(th.getActions()).containsExactly(LOG, BLOCK);
        assertThat(th.getBlockedUntil()).isNull();
        assertThat(blocked.decision().getPartsToStrip()).isEmpty();
        assertThat(blocked.decision().getResponseStatus().getMm1ResponseStatus()).isEqualTo(0x87);
        assertThat(blocked.decision().getNotifySender()).isFalse();
        assertThat(blocked.decision().getProfile()).isEqualTo("p");
        assertThat(blocked.decision().getProfileVersion()).isEqualTo(7);
        assertThat(blocked.decision().getReplyPartition()).isEqualTo(0);
        assertThat(blocked.decision().getGatewayId()).isEqualTo("gw-1");
        assertThat(blocked.decision().getDecidedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(blocked.decision().getReplacementText()).isNotBlank().doesNotContain("3");

        assertThat(blocked.logs()).hasSize(1);
        assertThat(blocked.logs().get(0).key).isEqualTo(SENDER);
        assertThat(blocked.log().getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(blocked.log().getReason()).isEqualTo(Reason.FLOOD);
        assertThat(blocked.log().getStage2Offset()).as("decided in the sender stage").isNull();
        assertThat(blocked.log().getThresholds()).extracting(ThresholdCount::getCount).containsExactly(4L);
        assertThat(blocked.log().getReceivedAt()).isEqualTo(at(3));
        assertThat(blocked.log().getLatencyMillis()).isEqualTo(5000 - 3);
        assertThat(blocked.alerts()).isEmpty();
        assertThat(blocked.archive()).isEmpty();
        assertThat(fx.keys(fx.floodStore())).containsExactly("MM1|" + SENDER);
    }

    @Test
    void countsExpireWithTheWindowOfReceivedAt() {
        fx.publish(mm1Flood(threshold(1, 2, 0, BLOCK)));
        assertThat(fx.send(mm1(at(0))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1(at(1))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1(at(2))).verdict()).isEqualTo(Verdict.BLOCK);

        Result stillInWindow = fx.send(mm1(at(59_999)));
        assertThat(stillInWindow.reason()).isEqualTo(Reason.FLOOD);
        assertThat(stillInWindow.decision().getThreshold().getCount()).isEqualTo(4);

        // (t - 1 min, t]: the three messages at T0 are out; the blocked attempt at 59.999 s still counts.
        Result afterWindow = fx.send(mm1(at(60_000)));
        assertThat(afterWindow.verdict()).isEqualTo(Verdict.PASS);
        assertThat(afterWindow.log().getThresholds()).extracting(ThresholdCount::getCount).containsExactly(2L);
        assertThat(fx.send(mm1(at(60_001))).verdict()).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void withoutBlockTimeOnlyMessagesOverTheLimitAreBlocked() {
        fx.publish(mm1Flood(threshold(1, 2, 0, BLOCK)));
        fx.send(mm1(at(0)));
        fx.send(mm1(at(1)));
        Result over = fx.send(mm1(at(2)));
        assertThat(over.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(over.decision().getThreshold().getBlockedUntil()).isNull();
        // Two minutes later the window is empty: no block outlives the counts.
        Result later = fx.send(mm1(at(120_000)));
        assertThat(later.verdict()).isEqualTo(Verdict.PASS);
        assertThat(later.log().getThresholds()).extracting(ThresholdCount::getCount).containsExactly(1L);
    }

    @Test
    void anAttemptDuringTheBlockRestartsIt() {
        fx.publish(mm1Flood(threshold(1, 2, 5, BLOCK)));
        long restart = 3 * 60_000;
        long blockMillis = 5 * 60_000;
        for (String sender : List.of("+4911", "+4922")) {
            assertThat(fx.send(mm1(sender, at(0))).verdict()).isEqualTo(Verdict.PASS);
            assertThat(fx.send(mm1(sender, at(1))).verdict()).isEqualTo(Verdict.PASS);
            Result first = fx.send(mm1(sender, at(2)));
            assertThat(first.reason()).isEqualTo(Reason.FLOOD);
            assertThat(first.decision().getThreshold().getBlockedUntil()).isEqualTo(at(2 + blockMillis));

            // Counts have expired (one message in the window), but the block holds and restarts.
            Result again = fx.send(mm1(sender, at(restart)));
            assertThat(again.verdict()).isEqualTo(Verdict.BLOCK);
            assertThat(again.reason()).isEqualTo(Reason.FLOOD);
            assertThat(again.decision().getThreshold().getCount()).isEqualTo(1);
            assertThat(again.decision().getThreshold().getBlockedUntil()).isEqualTo(at(restart + blockMillis));
        }
        Result justBefore = fx.send(mm1("+4911", at(restart + blockMillis - 1)));
        assertThat(justBefore.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(justBefore.decision().getThreshold().getCount()).isEqualTo(1);

        Result atEnd = fx.send(mm1("+4922", at(restart + blockMillis)));
        assertThat(atEnd.verdict()).isEqualTo(Verdict.PASS);
        assertThat(atEnd.decision().getThreshold()).isNull();
    }

    @Test
    void threeThresholdsAreCountedInOrderAndTheBlockingOneDecides() {
        fx.publish(profile().setLogging(LoggingSettings.newBuilder().setClean(false).build())
                .setMm1(TopologyFixture.flood(threshold(1, 2, 0, LOG), threshold(10, 3, 0, ALERT_ADMIN),
                        threshold(60, 4, 0, BLOCK)))
                .build());
        Result first = fx.send(mm1(at(0)));
        assertThat(first.verdict()).isEqualTo(Verdict.PASS);
        assertThat(first.logs()).as("clean pass with clean logging off").isEmpty();
        fx.send(mm1(at(1)));

        Result third = fx.send(mm1(at(2)));
        assertThat(third.verdict()).isEqualTo(Verdict.PASS);
        assertThat(third.log().getThresholds()).extracting(ThresholdCount::getIndex, ThresholdCount::getCount,
                        ThresholdCount::getExceeded)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 3L, true),
                        org.assertj.core.groups.Tuple.tuple(2, 3L, false),
                        org.assertj.core.groups.Tuple.tuple(3, 3L, false));
        assertThat(third.alerts()).isEmpty();

        Result fourth = fx.send(mm1(at(3)));
        assertThat(fourth.verdict()).isEqualTo(Verdict.PASS);
        assertThat(fourth.alerts()).hasSize(1);
        assertThat(fourth.alerts().get(0).key).isEqualTo("p/MM1/FLOOD");
        assertThat(fourth.alerts().get(0).value.getThreshold().getIndex()).isEqualTo(2);
        assertThat(fourth.alerts().get(0).value.getThreshold().getCount()).isEqualTo(4);

        Result fifth = fx.send(mm1(at(4)));
        assertThat(fifth.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(fifth.reason()).isEqualTo(Reason.FLOOD);
        assertThat(fifth.decision().getThreshold().getIndex()).isEqualTo(3);
        assertThat(fifth.decision().getThreshold().getWindowMinutes()).isEqualTo(60);
        assertThat(fifth.decision().getThreshold().getCount()).isEqualTo(5);
        assertThat(fifth.alerts()).extracting(a -> a.value.getThreshold().getIndex()).containsExactly(2);
        assertThat(fifth.log().getThresholds()).extracting(ThresholdCount::getExceeded)
                .containsExactly(true, true, true);
    }

    @Test
    void alertAdminAndArchiveFirstWithoutBlock() {
        fx.publish(mm1Flood(threshold(1, 1, 0, ALERT_ADMIN, ARCHIVE_FIRST)));
        Result one = fx.send(mm1(at(0)));
        assertThat(one.alerts()).isEmpty();
        assertThat(one.archive()).isEmpty();

        Result two = fx.send(mm1(at(1)));
        assertThat(two.verdict()).isEqualTo(Verdict.PASS);
        assertThat(two.alerts()).hasSize(1);
        var alert = two.alerts().get(0);
        assertThat(alert.key).isEqualTo("p/MM1/FLOOD");
        assertThat(alert.value.getType()).isEqualTo(NotificationType.FLOOD);
        assertThat(alert.value.getSender()).isEqualTo(SENDER);
        assertThat(alert.value.getSessionId()).isEqualTo(two.decision().getSessionId());
        assertThat(alert.value.getSenderNotifiable()).isFalse();
        assertThat(alert.value.getThreshold().getCount()).isEqualTo(2);
        assertThat(alert.value.getThreshold().getActions()).containsExactly(ARCHIVE_FIRST, ALERT_ADMIN);
        assertThat(two.archive()).hasSize(1);
        var archived = two.archive().get(0);
        assertThat(archived.key).isEqualTo(SENDER);
        assertThat(archived.value.getKind()).isEqualTo(ArchiveKind.FULL);
        assertThat(archived.value.getTrigger()).isEqualTo(ArchiveTrigger.THRESHOLD);
        assertThat(archived.value.getSessionId()).isEqualTo(two.decision().getSessionId());
        assertThat(archived.value.getParts()).allSatisfy(p -> assertThat(p.getContent()).isNotNull());
        assertThat(archived.value.getThreshold().getCount()).isEqualTo(2);

        Result three = fx.send(mm1(at(2)));
        assertThat(three.alerts()).hasSize(1);
        assertThat(three.archive()).as("ARCHIVE_FIRST archives once per episode").isEmpty();

        // A new episode after the window expired archives again.
        assertThat(fx.send(mm1(at(120_000))).archive()).isEmpty();
        Result newEpisode = fx.send(mm1(at(120_001)));
        assertThat(newEpisode.archive()).extracting(kv -> kv.value.getKind()).containsExactly(ArchiveKind.FULL);
    }

    @Test
    void archiveActionArchivesEveryMessageOverTheLimit() {
        fx.publish(mm1Flood(threshold(1, 1, 0, ARCHIVE)));
        assertThat(fx.send(mm1(at(0))).archive()).isEmpty();
        for (int i = 1; i <= 3; i++) {
            Result r = fx.send(mm1(at(i)));
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.alerts()).isEmpty();
            assertThat(r.archive()).extracting(kv -> kv.value.getKind(), kv -> kv.value.getTrigger())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ArchiveKind.FULL, ArchiveTrigger.THRESHOLD));
        }
    }

    @Test
    void logOnlyThresholdWritesTheInspectionLogAndNothingElse() {
        fx.publish(profile().setLogging(LoggingSettings.newBuilder().setClean(false).build())
                .setMm1(TopologyFixture.flood(threshold(1, 1, 0, LOG))).build());
        assertThat(fx.send(mm1(at(0))).logs()).isEmpty();
        Result over = fx.send(mm1(at(1)));
        assertThat(over.verdict()).isEqualTo(Verdict.PASS);
        assertThat(over.logs()).hasSize(1);
        assertThat(over.logs().get(0).key).isEqualTo(SENDER);
        assertThat(over.log().getVerdict()).isEqualTo(Verdict.PASS);
        assertThat(over.log().getThresholds()).extracting(ThresholdCount::getExceeded, ThresholdCount::getCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, 2L));
        assertThat(over.alerts()).isEmpty();
        assertThat(over.archive()).isEmpty();
    }

    @Test
    void mm1AndMm4AreCountedApart() {
        InterfaceSettings twoPerMinute = TopologyFixture.flood(threshold(1, 2, 0, BLOCK));
        fx.publish(profile().setMm1(twoPerMinute).setMm4(twoPerMinute).build());
        for (int i = 0; i < 2; i++) {
            assertThat(fx.send(mm1(at(i))).verdict()).isEqualTo(Verdict.PASS);
            assertThat(fx.send(mm1(at(i)).setMmsInterface(MmsInterface.MM4)).verdict()).isEqualTo(Verdict.PASS);
        }
        Result mm1 = fx.send(mm1(at(5)));
        assertThat(mm1.reason()).isEqualTo(Reason.FLOOD);
        assertThat(mm1.decision().getThreshold().getCount()).isEqualTo(3);
        Result mm4 = fx.send(mm1(at(5)).setMmsInterface(MmsInterface.MM4));
        assertThat(mm4.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(mm4.reason()).isEqualTo(Reason.FLOOD);
        assertThat(mm4.decision().getThreshold().getCount()).isEqualTo(3);
        assertThat(mm4.decision().getResponseStatus().getMm4RequestStatus()).isEqualTo("Error-content-not-accepted");
        assertThat(fx.keys(fx.floodStore())).containsExactlyInAnyOrder("MM1|" + SENDER, "MM4|" + SENDER);
    }

    @Test
    void mm3Mm7AndRetrievalsAreNotCounted() {
        fx.publish(mm1Flood(threshold(1, 1, 0, BLOCK)));
        for (int i = 0; i < 3; i++) {
            assertThat(fx.send(mm1(at(i)).setMmsInterface(MmsInterface.MM3)).verdict()).isEqualTo(Verdict.PASS);
            assertThat(fx.send(mm1(at(i)).setMmsInterface(MmsInterface.MM7)).verdict()).isEqualTo(Verdict.PASS);
            assertThat(fx.send(mm1(at(i)).setDirection(Direction.RETRIEVE)).verdict()).isEqualTo(Verdict.PASS);
        }
        assertThat(fx.keys(fx.floodStore())).isEmpty();
        Result firstSend = fx.send(mm1(at(10)));
        assertThat(firstSend.verdict()).isEqualTo(Verdict.PASS);
        assertThat(firstSend.log().getThresholds()).extracting(ThresholdCount::getCount).containsExactly(1L);
        assertThat(fx.send(mm1(at(11))).reason()).isEqualTo(Reason.FLOOD);
    }
}
