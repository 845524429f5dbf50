package io.mmsguard.inspection.topology;

import static io.mmsguard.avro.ThresholdAction.BLOCK;
import static io.mmsguard.inspection.topology.TopologyFixture.SENDER;
import static io.mmsguard.inspection.topology.TopologyFixture.endpointList;
import static io.mmsguard.inspection.topology.TopologyFixture.entry;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1Flood;
import static io.mmsguard.inspection.topology.TopologyFixture.profile;
import static io.mmsguard.inspection.topology.TopologyFixture.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.mmsguard.avro.Audit;
import io.mmsguard.avro.EndpointAction;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.topology.TopologyFixture.Result;
import org.junit.jupiter.api.Test;

/** Profiles and endpoint lists arrive on their compacted topics and apply to the next message, no restart. */
class InspectionTopologyProfileTest extends TopologyTestSupport {

    private static MmsProfile version(MmsProfile p, long version) {
        return MmsProfile.newBuilder(p).setAudit(Audit.newBuilder().setVersion(version).build()).build();
    }

    @Test
    void aLowerFloodLimitAppliesToTheNextMessage() {
        fx.publish(mm1Flood(threshold(10, 5, 0, BLOCK)));
        for (int i = 0; i < 3; i++) {
            Result r = fx.send(mm1(at(i)));
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.decision().getProfileVersion()).isEqualTo(7);
        }
        fx.publish(version(mm1Flood(threshold(10, 2, 0, BLOCK)), 8));
        assertThat(fx.profileStatus("p")).isEqualTo("applied");

        Result next = fx.send(mm1(at(3)));
        assertThat(next.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(next.reason()).isEqualTo(Reason.FLOOD);
        assertThat(next.decision().getThreshold().getLimit()).isEqualTo(2);
        assertThat(next.decision().getThreshold().getCount()).as("counts kept: same window").isEqualTo(4);
        assertThat(next.decision().getProfileVersion()).isEqualTo(8);
    }

    @Test
    void aLowerDuplicateLimitAppliesInStageTwo() {
        fx.publish(TopologyFixture.mm1Duplicate(threshold(10, 5, 0, BLOCK)));
        assertThat(fx.send(mm1("+4940001", at(0))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1("+4940002", at(1))).verdict()).isEqualTo(Verdict.PASS);
        fx.publish(TopologyFixture.mm1Duplicate(threshold(10, 1, 0, BLOCK)));
        Result third = fx.send(mm1("+4940003", at(2)));
        assertThat(third.reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(third.decision().getThreshold().getCount()).isEqualTo(3);
        assertThat(third.decision().getThreshold().getLimit()).isEqualTo(1);
    }

    @Test
    void anInvalidUpdateIsIgnoredAndThePreviousProfileStays() {
        fx.publish(mm1Flood(threshold(10, 2, 0, BLOCK)));
        fx.publish(mm1Flood(threshold(0, 1, 0, BLOCK)));
        assertThat(fx.profileStatus("p")).startsWith("rejected: ").contains("mm1.flood[0].windowMinutes");
        fx.publish("p", profile("q").setMm1(TopologyFixture.flood(threshold(10, 1, 0, BLOCK))).build());
        assertThat(fx.profileStatus("p")).startsWith("rejected: ").contains("does not match the record key");

        assertThat(fx.send(mm1(at(0))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1(at(1))).verdict()).as("limit 2 still in force").isEqualTo(Verdict.PASS);
        Result third = fx.send(mm1(at(2)));
        assertThat(third.reason()).isEqualTo(Reason.FLOOD);
        assertThat(third.decision().getThreshold().getLimit()).isEqualTo(2);
        assertThat(third.decision().getThreshold().getWindowMinutes()).isEqualTo(10);
    }

    /**
     * A notification setting the notifier alone reads still makes the whole record invalid for the topology: every
     * service applies the same version or none, so the tighter flood limit of the bad record never applies.
     */
    @Test
    void aProfileWithABadTimeZoneIsRejectedWholeAndThePreviousStays() {
        fx.publish(mm1Flood(threshold(10, 2, 0, BLOCK)));
        MmsProfile badZone = mm1Flood(threshold(10, 1, 0, BLOCK));
        badZone.getMm1().getNotification().setTimeZone("Mars/Base");
        fx.publish(badZone);
        assertThat(fx.profileStatus("p")).startsWith("rejected: ").contains("mm1.notification.timeZone")
                .contains("Mars/Base");

        assertThat(fx.send(mm1(at(0))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1(at(1))).verdict()).as("limit 2 still in force, not 1").isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1(at(2))).decision().getThreshold().getLimit()).isEqualTo(2);
    }

    @Test
    void anUnknownProfileNameUsesTheDefaultProfile() {
        Result builtIn = fx.send(mm1(at(0)).setProfile("nope"));
        assertThat(builtIn.verdict()).isEqualTo(Verdict.PASS);
        assertThat(builtIn.decision().getProfile()).isEqualTo("default");

        fx.publish(profile("default").setMm1(TopologyFixture.flood(threshold(10, 1, 0, BLOCK))).build());
        fx.publish(profile().build());
        Result first = fx.send(mm1("+4950001", at(1)).setProfile("nope"));
        assertThat(first.verdict()).isEqualTo(Verdict.PASS);
        assertThat(first.decision().getProfile()).isEqualTo("default");
        Result second = fx.send(mm1("+4950001", at(2)).setProfile("nope"));
        assertThat(second.reason()).isEqualTo(Reason.FLOOD);
        assertThat(second.decision().getProfile()).isEqualTo("default");
        assertThat(second.log().getProfile()).isEqualTo("default");

        for (int i = 0; i < 3; i++) {
            Result known = fx.send(mm1("+4950002", at(3 + i)));
            assertThat(known.verdict()).as("profile p has no flood threshold").isEqualTo(Verdict.PASS);
            assertThat(known.decision().getProfile()).isEqualTo("p");
        }
    }

    @Test
    void aTombstoneOfAProfileInForceIsIgnoredAsTheGatewayIgnoresIt() {
        fx.publish(mm1Flood(threshold(10, 1, 0, BLOCK)));
        fx.send(mm1(at(0)));
        assertThat(fx.send(mm1(at(1))).reason()).isEqualTo(Reason.FLOOD);
        fx.publish("p", null);
        assertThat(fx.profileStatus("p")).startsWith("rejected: ").contains("the last valid version stays in force");
        Result after = fx.send(mm1(at(2)));
        assertThat(after.reason()).as("limit 1 still in force").isEqualTo(Reason.FLOOD);
        assertThat(after.decision().getProfile()).isEqualTo("p");
    }

    @Test
    void anEndpointListPublishedAfterTheProfileIsUsedOnceItArrives() {
        fx.publish(profile().setEndpointLists(List.of("carrier")).build());
        assertThat(fx.send(mm1(at(0))).verdict()).as("list not there yet").isEqualTo(Verdict.PASS);

        fx.publish(endpointList("carrier", entry(SENDER, EndpointAction.BLOCK)));
        Result blocked = fx.send(mm1(at(1)));
        assertThat(blocked.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(blocked.reason()).isEqualTo(Reason.ENDPOINT);

        fx.publish(endpointList("carrier", entry("+4999999", EndpointAction.BLOCK)));
        assertThat(fx.send(mm1(at(2))).verdict()).as("list replaced").isEqualTo(Verdict.PASS);

        fx.publish(endpointList("carrier", entry(SENDER, EndpointAction.BLOCK)));
        assertThat(fx.send(mm1(at(3))).reason()).isEqualTo(Reason.ENDPOINT);
        fx.publishEndpointTombstone("carrier");
        assertThat(fx.send(mm1(at(4))).verdict()).as("list deleted").isEqualTo(Verdict.PASS);
    }
}
