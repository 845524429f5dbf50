package io.mmsguard.inspection.topology;

import static io.mmsguard.avro.ThresholdAction.ALERT_ADMIN;
import static io.mmsguard.avro.ThresholdAction.ARCHIVE;
import static io.mmsguard.avro.ThresholdAction.BLOCK;
import static io.mmsguard.avro.ThresholdAction.LOG;
import static io.mmsguard.inspection.topology.TopologyFixture.EICAR;
import static io.mmsguard.inspection.topology.TopologyFixture.content;
import static io.mmsguard.inspection.topology.TopologyFixture.endpointList;
import static io.mmsguard.inspection.topology.TopologyFixture.entry;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1Duplicate;
import static io.mmsguard.inspection.topology.TopologyFixture.part;
import static io.mmsguard.inspection.topology.TopologyFixture.profile;
import static io.mmsguard.inspection.topology.TopologyFixture.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.DuplicateOptions;
import io.mmsguard.avro.EndpointAction;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.profile.ContentChecksum;
import io.mmsguard.inspection.topology.TopologyFixture.Result;
import org.junit.jupiter.api.Test;

/** Duplicate thresholds per content checksum, through stage 1, the by-checksum repartition and stage 2. */
class InspectionTopologyDuplicateTest extends TopologyTestSupport {

    private static String sender(int i) {
        return "+4915" + String.format("%05d", i);
    }

    @Test
    void exactlyTheLimitPassesFromManySendersAndTheNextIsBlocked() {
        fx.publish(mm1Duplicate(threshold(10, 3, 0, LOG, ALERT_ADMIN, BLOCK)));
        for (int i = 1; i <= 3; i++) {
            Result r = fx.send(mm1(sender(i), at(i)));
            assertThat(r.verdict()).as("copy %d", i).isEqualTo(Verdict.PASS);
            assertThat(r.alerts()).isEmpty();
        }
        MmsEnvelope.Builder fourth = mm1(sender(4), at(4));
        String checksum = ContentChecksum.of(fourth.build(), false);
        Result blocked = fx.send(fourth);

        assertThat(blocked.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(blocked.reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(blocked.decision().getDetail()).isEqualTo("duplicate threshold 1: 4 in 10 min > limit 3");
        ThresholdCount th = blocked.decision().getThreshold();
        assertThat(th.getKind()).isEqualTo(ThresholdKind.DUPLICATE);
        assertThat(th.getCount()).isEqualTo(4);
        assertThat(th.getLimit()).isEqualTo(3);
        assertThat(th.getWindowMinutes()).isEqualTo(10);
        assertThat(blocked.decision().getResponseStatus().getMm1ResponseStatus()).isEqualTo(0x87);
        assertThat(blocked.decision().getNotifySender()).isFalse();

        assertThat(blocked.logs()).hasSize(1);
        assertThat(blocked.logs().get(0).key).isEqualTo(sender(4));
        assertThat(blocked.log().getChecksum()).isEqualTo(checksum);
        assertThat(blocked.log().getReason()).isEqualTo(Reason.DUPLICATE);
        assertThat(blocked.log().getStage2Offset()).as("the 4th copy counted: a backtest replays in this order")
                .isEqualTo(3L);
        assertThat(blocked.alerts()).hasSize(1);
        assertThat(blocked.alerts().get(0).key).isEqualTo("p/MM1/DUPLICATE");
        assertThat(blocked.alerts().get(0).value.getType()).isEqualTo(NotificationType.DUPLICATE);
        assertThat(blocked.alerts().get(0).value.getChecksum()).isEqualTo(checksum);
        assertThat(blocked.alerts().get(0).value.getSender()).isEqualTo(sender(4));

        assertThat(fx.keys(fx.duplicateStore())).containsExactly("MM1|" + checksum);
        assertThat(fx.keys(fx.floodStore())).as("no flood thresholds configured").isEmpty();
    }

    @Test
    void differentContentIsCountedApart() {
        fx.publish(mm1Duplicate(threshold(10, 1, 0, BLOCK)));
        assertThat(fx.send(content(mm1(sender(1), at(0)), "one", 'b')).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(content(mm1(sender(2), at(1)), "two", 'c')).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(content(mm1(sender(3), at(2)), "one again", 'b')).reason())
                .isEqualTo(Reason.DUPLICATE);
        assertThat(fx.send(content(mm1(sender(4), at(3)), "two again", 'c')).reason())
                .isEqualTo(Reason.DUPLICATE);
        assertThat(fx.keys(fx.duplicateStore())).hasSize(2);
    }

    @Test
    void theSubjectCountsOnlyWhenTheProfileIncludesIt() {
        fx.publish(mm1Duplicate(threshold(10, 1, 0, BLOCK)));
        assertThat(fx.send(mm1(sender(1), at(0)).setSubject("first")).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1(sender(2), at(1)).setSubject("second")).reason()).isEqualTo(Reason.DUPLICATE);

        fx.publish(profile().setMm1(TopologyFixture.duplicate(threshold(10, 1, 0, BLOCK)))
                .setDuplicateOptions(DuplicateOptions.newBuilder().setIncludeSubject(true).build()).build());
        MmsEnvelope.Builder withSubject = mm1(sender(3), at(2)).setSubject("third");
        String checksum = ContentChecksum.of(withSubject.build(), true);
        assertThat(fx.send(withSubject).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1(sender(4), at(3)).setSubject("fourth")).verdict()).isEqualTo(Verdict.PASS);
        Result same = fx.send(mm1(sender(5), at(4)).setSubject("third"));
        assertThat(same.reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(same.decision().getThreshold().getCount()).isEqualTo(2);
        assertThat(same.log().getChecksum()).isEqualTo(checksum);
        assertThat(fx.keys(fx.duplicateStore())).contains("MM1|" + checksum,
                "MM1|" + ContentChecksum.of(mm1(sender(1), at(0)).build(), false));
    }

    @Test
    void messagesWithoutContentAreNotDuplicatesOfEachOther() {
        // m-forward.req reaches the topology without parts: every one would have the same checksum
        fx.publish(mm1Duplicate(threshold(10, 1, 0, BLOCK)));
        for (int i = 1; i <= 3; i++) {
            Result r = fx.send(mm1(sender(i), at(i)).setMessageType("m-forward-req").setParts(List.of()));
            assertThat(r.verdict()).as("forward %d", i).isEqualTo(Verdict.PASS);
        }
        assertThat(fx.keys(fx.duplicateStore())).isEmpty();
    }

    @Test
    void messagesBlockedInStageOneAreNotCounted() {
        fx.publish(profile().setEndpointLists(List.of("carrier"))
                .setMm1(InterfaceSettings.newBuilder()
                        .setFlood(List.of(threshold(10, 1, 0, BLOCK)))
                        .setDuplicate(List.of(threshold(10, 2, 0, BLOCK))).build())
                .build());
        fx.publish(endpointList("carrier", entry("+4966600", EndpointAction.BLOCK)));
        String sha = "d".repeat(64);

        assertThat(fx.send(content(mm1(sender(1), at(0)), "same", 'd')).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(content(mm1("+4966600", at(1)), "same", 'd')).reason()).isEqualTo(Reason.ENDPOINT);
        Result virus = fx.send(mm1(sender(2), at(2))
                .setParts(List.of(part("application/octet-stream", "e.com", EICAR, sha))));
        assertThat(virus.reason()).isEqualTo(Reason.VIRUS);
        assertThat(fx.send(content(mm1(sender(1), at(3)), "same", 'd')).reason()).isEqualTo(Reason.FLOOD);

        Result second = fx.send(content(mm1(sender(3), at(4)), "same", 'd'));
        assertThat(second.verdict()).isEqualTo(Verdict.PASS);
        assertThat(second.log().getThresholds()).filteredOn(t -> t.getKind() == ThresholdKind.DUPLICATE)
                .extracting(ThresholdCount::getCount).containsExactly(2L);
        Result third = fx.send(content(mm1(sender(4), at(5)), "same", 'd'));
        assertThat(third.reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(third.decision().getThreshold().getCount()).isEqualTo(3);
    }

    @Test
    void exemptSendersAreNotCounted() {
        fx.publish(profile().setEndpointLists(List.of("carrier"))
                .setMm1(TopologyFixture.duplicate(threshold(10, 1, 0, BLOCK))).build());
        fx.publish(endpointList("carrier", entry("+4977700", EndpointAction.EXEMPT),
                entry("+4988800", EndpointAction.EXEMPT_MASS_MMS)));
        for (int i = 0; i < 2; i++) {
            assertThat(fx.send(mm1("+4977700", at(i))).verdict()).isEqualTo(Verdict.PASS);
            assertThat(fx.send(mm1("+4988800", at(i))).verdict()).isEqualTo(Verdict.PASS);
        }
        assertThat(fx.keys(fx.duplicateStore())).isEmpty();
        Result first = fx.send(mm1(sender(1), at(10)));
        assertThat(first.verdict()).isEqualTo(Verdict.PASS);
        assertThat(first.log().getThresholds()).extracting(ThresholdCount::getCount).containsExactly(1L);
        assertThat(fx.send(mm1(sender(2), at(11))).reason()).isEqualTo(Reason.DUPLICATE);
        // Exempt senders still pass over the limit.
        assertThat(fx.send(mm1("+4977700", at(12))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1("+4988800", at(13))).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void mm1RetrievalsAreCountedOnlyWhenTheProfileSaysSo() {
        fx.publish(mm1Duplicate(threshold(10, 1, 0, BLOCK)));
        for (int i = 0; i < 3; i++) {
            assertThat(fx.send(mm1(sender(i), at(i)).setDirection(Direction.RETRIEVE)).verdict())
                    .isEqualTo(Verdict.PASS);
        }
        assertThat(fx.keys(fx.duplicateStore())).isEmpty();

        fx.publish(profile().setMm1(InterfaceSettings.newBuilder().setRetrieveDuplicate(true)
                .setDuplicate(List.of(threshold(10, 1, 0, BLOCK))).build()).build());
        MmsEnvelope.Builder retrieve = content(mm1(sender(10), at(10)), "r", 'e').setDirection(Direction.RETRIEVE);
        String checksum = ContentChecksum.of(retrieve.build(), false);
        assertThat(fx.send(retrieve).verdict()).isEqualTo(Verdict.PASS);
        Result second = fx.send(content(mm1(sender(11), at(11)), "r", 'e').setDirection(Direction.RETRIEVE));
        assertThat(second.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(second.reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(fx.keys(fx.duplicateStore())).containsExactly("MM1|" + checksum);
    }

    @Test
    void stageTwoGetsThePartContentsOnlyWhenItMayArchiveThem() {
        fx.publish(mm1Duplicate(threshold(10, 1, 0, BLOCK)));
        assertThat(fx.send(mm1(sender(1), at(1))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.repartitioned()).singleElement().satisfies(o -> {
            assertThat(o.getEnvelope().getParts()).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.getContent()).as("content of part %s", p.getFilename()).isNull());
            assertThat(o.getEnvelope().getParts()).extracting(MmsPart::getSha256).doesNotContainNull();
        });

        fx.publish(mm1Duplicate(threshold(10, 1, 0, BLOCK, ARCHIVE)));
        assertThat(fx.send(mm1(sender(2), at(2))).archive()).as("copy 2 of 1 allowed is archived")
                .singleElement().satisfies(kv -> assertThat(kv.value.getParts())
                        .allSatisfy(p -> assertThat(p.getContent()).isNotNull()));
        assertThat(fx.repartitioned()).singleElement().satisfies(o -> assertThat(o.getEnvelope().getParts())
                .allSatisfy(p -> assertThat(p.getContent()).isNotNull()));
    }
}
