package io.mmsguard.inspection.topology;

import static io.mmsguard.avro.ThresholdAction.BLOCK;
import static io.mmsguard.avro.ThresholdAction.LOG;
import static io.mmsguard.inspection.topology.TopologyFixture.endpointList;
import static io.mmsguard.inspection.topology.TopologyFixture.entry;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1;
import static io.mmsguard.inspection.topology.TopologyFixture.part;
import static io.mmsguard.inspection.topology.TopologyFixture.profile;
import static io.mmsguard.inspection.topology.TopologyFixture.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.mmsguard.avro.EndpointAction;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.SimilarMatch;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.topology.TopologyFixture.Result;
import io.mmsguard.testkit.CampaignText;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Similar-content thresholds through the topology: stage 1 fingerprints, stage 2, the by-band hop (counting per band)
 * and the by-session hop (combining a message's bands), then the decision.
 */
class InspectionTopologySimilarTest extends TopologyTestSupport {

    /** One copy of a campaign, from its own sender. */
    private static MmsEnvelope.Builder campaignCopy(int i, long at) {
        return text(mm1("+4915" + String.format("%05d", i), at(at)), CampaignText.copy(i), i);
    }

    private static MmsEnvelope.Builder text(MmsEnvelope.Builder b, String text, int variant) {
        // Distinct gateway digests: every copy has its own checksum, so the duplicate check would never see them.
        String sha = String.format("%064x", variant + 1);
        return b.setParts(List.of(part("text/plain", null, text.getBytes(StandardCharsets.UTF_8), sha)));
    }

    private static InterfaceSettings similar(Threshold... thresholds) {
        return InterfaceSettings.newBuilder().setSimilar(List.of(thresholds)).build();
    }

    @Test
    void campaignCopiesWithNamesAndCodesAreCountedAcrossSendersAndTheFourthIsBlocked() {
        fx.publish(profile().setMm1(similar(threshold(10, 3, 0, LOG, BLOCK))).build());
        String third = null;
        for (int i = 1; i <= 3; i++) {
            Result r = fx.send(campaignCopy(i, i));
            assertThat(r.verdict()).as("copy %d", i).isEqualTo(Verdict.PASS);
            assertThat(r.log().getThresholds()).extracting(ThresholdCount::getKind, ThresholdCount::getCount)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ThresholdKind.SIMILAR, (long) i));
            third = r.decision().getSessionId();
        }
        Result blocked = fx.send(campaignCopy(4, 4));

        assertThat(blocked.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(blocked.reason()).isEqualTo(Reason.SIMILAR);
        assertThat(blocked.decision().getDetail()).startsWith("similar threshold 1: 4 in 10 min > limit 3; shares ")
                .contains("with session " + third);
        assertThat(blocked.decision().getThreshold().getKind()).isEqualTo(ThresholdKind.SIMILAR);
        assertThat(blocked.decision().getResponseStatus().getMm1ResponseStatus()).isEqualTo(0x87);
        SimilarMatch why = blocked.log().getSimilarTo();
        assertThat(why.getEarlierSession()).isEqualTo(third);
        assertThat(why.getSharedBands()).isNotEmpty().allSatisfy(band -> assertThat(band).startsWith("t"));
        assertThat(why.getSimilarity()).isBetween(0.5, 1.0);
        assertThat(blocked.log().getStage2Offset()).as("it passed stage 2 on its way").isEqualTo(3L);

        assertThat(fx.keys(store(InspectionTopology.SIMILAR_STORE))).isNotEmpty().allSatisfy(k ->
                assertThat(k).startsWith("MM1|t"));
        assertThat(fx.keys(store(InspectionTopology.SIMILAR_WITNESS_STORE)))
                .containsExactlyInAnyOrderElementsOf(fx.keys(store(InspectionTopology.SIMILAR_STORE)));
        assertThat(pendingSessions()).as("every gather completed").isZero();
    }

    @Test
    void unrelatedMessagesAreNotSimilar() {
        fx.publish(profile().setMm1(similar(threshold(10, 1, 0, BLOCK))).build());
        assertThat(fx.send(campaignCopy(1, 1)).verdict()).isEqualTo(Verdict.PASS);
        Result other = fx.send(text(mm1("+4916000001", at(2)), "The meeting moved to room four tomorrow morning. "
                + "Please bring the quarterly report and the budget slides for the review with the finance team, "
                + "and tell Maria that lunch is booked for twelve.", 99));
        assertThat(other.verdict()).isEqualTo(Verdict.PASS);
        assertThat(other.log().getThresholds()).extracting(ThresholdCount::getCount).containsExactly(1L);
        assertThat(other.log().getSimilarTo()).isNull();
    }

    @Test
    void sendersExemptFromMassMmsChecksAreNeitherCountedNorBlocked() {
        fx.publish(profile().setEndpointLists(List.of("carrier")).setMm1(similar(threshold(10, 2, 0, BLOCK))).build());
        fx.publish(endpointList("carrier", entry("+4988800", EndpointAction.EXEMPT_MASS_MMS)));
        for (int i = 0; i < 3; i++) {
            MmsEnvelope.Builder exempt = campaignCopy(i, i).setSender("+4988800");
            assertThat(fx.send(exempt).verdict()).isEqualTo(Verdict.PASS);
        }
        assertThat(fx.keys(store(InspectionTopology.SIMILAR_STORE))).isEmpty();
        assertThat(fx.send(campaignCopy(10, 10)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(campaignCopy(11, 11)).verdict()).isEqualTo(Verdict.PASS);
        Result third = fx.send(campaignCopy(12, 12));
        assertThat(third.reason()).isEqualTo(Reason.SIMILAR);
        assertThat(third.decision().getThreshold().getCount()).isEqualTo(3);
    }

    @Test
    void aMessageBlockedEarlierIsNotCounted() {
        fx.publish(profile().setMm1(InterfaceSettings.newBuilder()
                .setFlood(List.of(threshold(10, 1, 0, BLOCK)))
                .setSimilar(List.of(threshold(10, 5, 0, LOG))).build()).build());
        MmsEnvelope.Builder first = campaignCopy(1, 1);
        assertThat(fx.send(first).verdict()).isEqualTo(Verdict.PASS);
        Result flooded = fx.send(campaignCopy(2, 2).setSender(first.getSender()));
        assertThat(flooded.reason()).isEqualTo(Reason.FLOOD);
        Result next = fx.send(campaignCopy(3, 3));
        assertThat(next.log().getThresholds()).filteredOn(t -> t.getKind() == ThresholdKind.SIMILAR)
                .extracting(ThresholdCount::getCount).as("the flooded copy reached nobody").containsExactly(2L);
    }

    private KeyValueStore<String, byte[]> store(String name) {
        return fx.store(name);
    }

    private long pendingSessions() {
        return fx.countKeys(InspectionTopology.SIMILAR_PENDING_STORE);
    }
}
