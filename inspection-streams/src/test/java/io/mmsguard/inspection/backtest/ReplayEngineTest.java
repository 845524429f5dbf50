package io.mmsguard.inspection.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.avro.Audit;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.StateReset;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.inspection.scan.VirusScanner;
import io.mmsguard.testkit.CampaignText;
import org.junit.jupiter.api.Test;

/** The replay engine on hand-made traffic: the topology's thresholds, rules over time, threads, candidates. */
class ReplayEngineTest {
    private static final long T0 = SampleEnvelopes.RECEIVED.toEpochMilli();
    private static final VirusScanner EICAR_ONLY = bytes -> new String(bytes, StandardCharsets.ISO_8859_1)
            .contains("EICAR") ? Optional.of("Eicar-Test-Signature") : Optional.empty();

    private static MmsProfile profile(long version, InterfaceSettings mm1) {
        return MmsProfile.newBuilder().setName("p").setAudit(Audit.newBuilder().setVersion(version).build())
                .setMm1(mm1).build();
    }

    private static Threshold threshold(int windowMinutes, int limit) {
        return Threshold.newBuilder().setEnabled(true).setWindowMinutes(windowMinutes).setLimit(limit)
                .setBlockTimeMinutes(0).setActions(Arrays.asList(ThresholdAction.LOG, ThresholdAction.BLOCK)).build();
    }

    private static InterfaceSettings thresholds(int floodLimit, int duplicateLimit) {
        return InterfaceSettings.newBuilder().setFlood(List.of(threshold(10, floodLimit)))
                .setDuplicate(List.of(threshold(10, duplicateLimit))).build();
    }

    /** Message {@code n} of {@code sender}, appended at T0 + n seconds on the sender's partition. */
    private static InboundRecord message(int n, String sender, String text) {
        MmsEnvelope e = SampleEnvelopes.mm1Send().setSessionId("s-" + n).setSender(sender)
                .setReceivedAt(Instant.ofEpochMilli(T0 + n * 1000L)).setProfile("p")
                .setParts(List.of(textPart(text)))
                .build();
        return new InboundRecord(e, T0 + n * 1000L + 5, Math.floorMod(sender.hashCode(), 3), n);
    }

    /** A text part whose gateway digest is its text's: the duplicate checksum is built from the digests. */
    private static MmsPart textPart(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            return MmsPart.newBuilder(SampleEnvelopes.part("text/plain", null, bytes))
                    .setSha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuleTimeline rules(MmsProfile... versions) {
        List<RuleChange> changes = new ArrayList<>();
        for (MmsProfile p : versions) {
            changes.add(new RuleChange.Profile(p.getAudit().getVersion() == 1 ? 0 : T0 + 10_500, p));
        }
        return new RuleTimeline(changes);
    }

    private static List<String> verdicts(List<Replayed> replayed) {
        return replayed.stream().map(r -> r.record().envelope().getSessionId() + "=" + Verdicts.of(r)).toList();
    }

    /** A flooder (+4901, distinct texts), a campaign (same text from four senders), one unrelated message. */
    private static List<InboundRecord> traffic() {
        List<InboundRecord> in = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            in.add(message(n, "+4901", "flood " + n));
        }
        for (int n = 6; n <= 9; n++) {
            in.add(message(n, "+490" + n, "campaign"));
        }
        in.add(message(10, "+4999", "hello"));
        return in;
    }

    @Test
    void floodPerSenderAndDuplicatesAcrossSendersAreDecidedAsTheTopologyDoes() {
        List<Replayed> out = new ReplayEngine(rules(profile(1, thresholds(3, 2))),
                new ReplayOptions(1, true, EICAR_ONLY)).replay(traffic());

        assertThat(verdicts(out)).containsExactly("s-1=PASS NONE", "s-2=PASS NONE", "s-3=PASS NONE",
                "s-4=BLOCK FLOOD", "s-5=BLOCK FLOOD", "s-6=PASS NONE", "s-7=PASS NONE", "s-8=BLOCK DUPLICATE",
                "s-9=BLOCK DUPLICATE", "s-10=PASS NONE");
        assertThat(out.get(3).decision().orElseThrow().getDetail()).isEqualTo("flood threshold 1: 4 in 10 min > limit 3");
        assertThat(out.get(7).stage2()).isTrue();
        assertThat(out.get(3).stage2()).as("blocked in stage 1: not a copy that reached anyone").isFalse();
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreadsOrTheInputOrder() {
        RuleTimeline rules = rules(profile(1, thresholds(3, 2)));
        List<InboundRecord> shuffled = new ArrayList<>(traffic());
        java.util.Collections.reverse(shuffled);

        List<String> one = verdicts(new ReplayEngine(rules, new ReplayOptions(1, true, EICAR_ONLY)).replay(traffic()));
        List<String> four = verdicts(new ReplayEngine(rules, new ReplayOptions(4, true, EICAR_ONLY)).replay(shuffled));

        assertThat(four).isEqualTo(one);
    }

    @Test
    void copiesAreCountedInTheRecordedStage2OrderWhenEveryCopyHasOne() {
        RuleTimeline rules = rules(profile(1, thresholds(3, 2)));
        // Live, the 4th copy (s-9) reached the duplicate stage first: the copies' by-checksum offsets say so.
        Stage2Order recorded = Stage2Order.of(Map.of("s-9", 0L, "s-6", 1L, "s-7", 2L, "s-8", 3L));

        List<Replayed> out = new ReplayEngine(rules, new ReplayOptions(2, true, EICAR_ONLY, recorded))
                .replay(traffic());
        List<Replayed> partly = new ReplayEngine(rules, new ReplayOptions(2, true, EICAR_ONLY,
                Stage2Order.of(Map.of("s-9", 0L, "s-6", 1L)))).replay(traffic());

        assertThat(verdicts(out).subList(5, 9)).containsExactly("s-6=PASS NONE", "s-7=BLOCK DUPLICATE",
                "s-8=BLOCK DUPLICATE", "s-9=PASS NONE");
        assertThat(verdicts(partly).subList(5, 9)).as("not every copy recorded: append order")
                .containsExactly("s-6=PASS NONE", "s-7=PASS NONE", "s-8=BLOCK DUPLICATE", "s-9=BLOCK DUPLICATE");
    }

    @Test
    void eachRecordIsJudgedUnderTheVersionInForceAtItsAppendTime() {
        // Version 2 (flood limit 1) from T0 + 10.5 s: message 10 is +4999's first, so still a pass; the campaign's
        // copies before it were judged under version 1.
        List<InboundRecord> in = new ArrayList<>(traffic());
        in.add(message(11, "+4999", "again"));
        List<Replayed> out = new ReplayEngine(rules(profile(1, thresholds(3, 2)), profile(2, thresholds(1, 2))),
                new ReplayOptions(2, true, EICAR_ONLY)).replay(in);

        assertThat(out.get(9).decision().orElseThrow().getProfileVersion()).isEqualTo(1);
        assertThat(Verdicts.of(out.get(10))).isEqualTo("BLOCK FLOOD");
        assertThat(out.get(10).decision().orElseThrow().getProfileVersion()).isEqualTo(2);
    }

    @Test
    void aResetClearsTheSendersCountFromItsTimeOn() {
        StateReset reset = StateReset.newBuilder().setKind(ThresholdKind.FLOOD).setKey("+4901").setAuthor("alice")
                .setRequestedAt(Instant.ofEpochMilli(T0 + 3_500)).build();
        List<RuleChange> changes = new ArrayList<>(rules(profile(1, thresholds(3, 2))).changes());
        changes.add(new RuleChange.Reset(T0 + 3_500, reset));

        List<Replayed> out = new ReplayEngine(new RuleTimeline(changes), new ReplayOptions(1, true, EICAR_ONLY))
                .replay(traffic());

        assertThat(verdicts(out).subList(0, 5)).containsExactly("s-1=PASS NONE", "s-2=PASS NONE", "s-3=PASS NONE",
                "s-4=PASS NONE", "s-5=PASS NONE");
    }

    @Test
    void aCandidateWithALowerFloodLimitNamesTheSendersItWouldHaveBlocked() {
        RuleTimeline live = rules(profile(1, thresholds(3, 2)));
        ReplayOptions options = new ReplayOptions(2, true, EICAR_ONLY);
        List<Replayed> baseline = new ReplayEngine(live, options).replay(traffic());
        List<Replayed> candidate = new ReplayEngine(live.overriding(List.of(profile(1, thresholds(2, 2))), List.of()),
                options).replay(traffic());

        VerdictDiff diff = VerdictDiff.of(baseline, candidate);

        assertThat(diff.changes()).containsExactly(new VerdictDiff.Change("PASS NONE", "BLOCK FLOOD", 1));
        assertThat(diff.sendersBlocked()).extracting(VerdictDiff.KeyChange::key, VerdictDiff.KeyChange::messages)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("+4901", 1L));
        assertThat(diff.sendersBlocked().get(0).first()).isEqualTo(Instant.ofEpochMilli(T0 + 3_000));
        assertThat(diff.sendersReleased()).isEmpty();
    }

    @Test
    void withScannersOffContentIsNotJudged() {
        List<InboundRecord> in = List.of(message(1, "+4901", "X5O EICAR test"));
        RuleTimeline live = rules(profile(1, thresholds(3, 2)));

        assertThat(Verdicts.of(new ReplayEngine(live, new ReplayOptions(1, true, EICAR_ONLY)).replay(in).get(0)))
                .isEqualTo("BLOCK VIRUS");
        assertThat(Verdicts.of(new ReplayEngine(live, new ReplayOptions(1, false, EICAR_ONLY)).replay(in).get(0)))
                .isEqualTo("PASS NONE");
    }

    @Test
    void verificationMatchesWhatWasRecordedAndGivesEveryDifferenceACause() {
        List<Replayed> out = new ReplayEngine(rules(profile(1, thresholds(3, 2))),
                new ReplayOptions(1, true, EICAR_ONLY)).replay(traffic());
        Map<String, Recorded> recorded = asRecorded(out);
        recorded.put("s-4", new Recorded("s-4", "BLOCK FLOOD", "p", 1, "mms.inspection-log"));
        // Live found s-1 expired (not counted), so +4901's counts are one lower there from then on.
        recorded.put("s-1", new Recorded("s-1", "EXPIRED", "p", 1, "mms.inspection-log"));
        recorded.put("s-5", new Recorded("s-5", "PASS NONE", "p", 1, "mms.decisions"));
        recorded.put("s-8", new Recorded("s-8", "PASS NONE", "p", 2, "mms.decisions"));
        recorded.put("s-9", new Recorded("s-9", "PASS NONE", "p", 1, "mms.decisions"));

        Verification v = Verification.of(out, recorded, Instant.ofEpochMilli(T0), null);

        assertThat(v.matches()).isEqualTo(6);
        assertThat(v.differences()).extracting(d -> d.replayed().record().envelope().getSessionId(),
                        Verification.Difference::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s-1", Verification.Cause.EXPIRED_SESSION),
                        org.assertj.core.groups.Tuple.tuple("s-5", Verification.Cause.FOLLOWS_EARLIER),
                        org.assertj.core.groups.Tuple.tuple("s-8", Verification.Cause.PROFILE_SWITCH_RACE),
                        org.assertj.core.groups.Tuple.tuple("s-9", Verification.Cause.FOLLOWS_EARLIER));
        assertThat(v.unexplained()).isZero();
    }

    @Test
    void aDifferenceWithoutACauseIsUnexplained() {
        List<Replayed> out = new ReplayEngine(rules(profile(1, thresholds(3, 2))),
                new ReplayOptions(1, true, EICAR_ONLY)).replay(traffic());

        Map<String, Recorded> recorded = asRecorded(out);
        recorded.put("s-4", new Recorded("s-4", "PASS NONE", "p", 1, "mms.decisions"));
        recorded.remove("s-10");

        Verification v = Verification.of(out, recorded, Instant.ofEpochMilli(T0), null);

        assertThat(v.differences()).extracting(d -> d.replayed().record().envelope().getSessionId(),
                        Verification.Difference::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s-4", Verification.Cause.UNEXPLAINED),
                        org.assertj.core.groups.Tuple.tuple("s-10", Verification.Cause.UNEXPLAINED));
        assertThat(v.matches()).isEqualTo(8);
    }

    /** The flood and duplicate thresholds of {@link #thresholds} plus a similar-content threshold. */
    private static InterfaceSettings withSimilar(int similarLimit) {
        return InterfaceSettings.newBuilder(thresholds(3, 2)).setSimilar(List.of(threshold(10, similarLimit)))
                .build();
    }

    /** Five copies of a campaign (names and codes differ), each from its own sender, {@code spacing} seconds apart. */
    private static List<InboundRecord> campaign(int first, int spacing) {
        List<InboundRecord> in = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            in.add(message(first + k * spacing, "+4915" + k, CampaignText.copy(k)));
        }
        return in;
    }

    private static List<InboundRecord> trafficWithCampaign() {
        List<InboundRecord> in = new ArrayList<>(traffic());
        in.addAll(campaign(20, 1));
        return in;
    }

    @Test
    void similarCopiesPastTheLimitAreBlockedAsTheTopologyDoesWhateverTheThreads() {
        RuleTimeline rules = rules(profile(1, withSimilar(3)));
        List<InboundRecord> shuffled = new ArrayList<>(trafficWithCampaign());
        java.util.Collections.reverse(shuffled);

        List<Replayed> one = new ReplayEngine(rules, new ReplayOptions(1, true, EICAR_ONLY))
                .replay(trafficWithCampaign());
        List<Replayed> two = new ReplayEngine(rules, new ReplayOptions(2, true, EICAR_ONLY)).replay(shuffled);

        assertThat(verdicts(one).subList(10, 15)).containsExactly("s-20=PASS NONE", "s-21=PASS NONE",
                "s-22=PASS NONE", "s-23=BLOCK SIMILAR", "s-24=BLOCK SIMILAR");
        assertThat(verdicts(one).subList(0, 10)).as("flood and duplicates unchanged").isEqualTo(verdicts(
                new ReplayEngine(rules(profile(1, thresholds(3, 2))), new ReplayOptions(1, true, EICAR_ONLY))
                        .replay(traffic())));
        assertThat(one.get(13).decision().orElseThrow().getDetail())
                .startsWith("similar threshold 1: 4 in 10 min > limit 3; shares ").contains("with session s-22");
        assertThat(one.get(13).outputs().log().orElseThrow().getSimilarTo().getEarlierSession()).isEqualTo("s-22");
        assertThat(one.get(13).similarBands()).isNotEmpty();
        assertThat(one.get(13).stage2()).isTrue();
        assertThat(one.get(0).similarBands()).as("too short to be fingerprinted").isEmpty();
        assertThat(verdicts(two)).isEqualTo(verdicts(one));
        assertThat(two).extracting(r -> r.decision().orElseThrow().getDetail())
                .isEqualTo(one.stream().map(r -> r.decision().orElseThrow().getDetail()).toList());
    }

    @Test
    void aCandidateWithAHigherSimilarLimitReleasesTheCopies() {
        RuleTimeline live = rules(profile(1, withSimilar(3)));
        ReplayOptions options = new ReplayOptions(2, true, EICAR_ONLY);
        List<Replayed> baseline = new ReplayEngine(live, options).replay(trafficWithCampaign());
        List<Replayed> candidate = new ReplayEngine(live.overriding(List.of(profile(1, withSimilar(10))), List.of()),
                options).replay(trafficWithCampaign());

        VerdictDiff diff = VerdictDiff.of(baseline, candidate);

        assertThat(diff.changes()).containsExactly(new VerdictDiff.Change("BLOCK SIMILAR", "PASS NONE", 2));
        assertThat(diff.sendersReleased()).extracting(VerdictDiff.KeyChange::key).containsExactly("+49153", "+49154");
        assertThat(diff.checksumsReleased()).as("distinct copies: no checksum is news").isEmpty();
    }

    @Test
    void aMessageOwingItsSimilarCountIsNeverDecidedWithoutIt() {
        ReplayWorker worker = new ReplayWorker(rules(profile(1, withSimilar(3))), new ReplayOptions(1, true,
                EICAR_ONLY), ThresholdKind.DUPLICATE);
        InboundRecord r = campaign(20, 1).get(0);
        io.mmsguard.inspection.topology.Staged.SenderChecked checked =
                (io.mmsguard.inspection.topology.Staged.SenderChecked) worker.senderStage(r);
        io.mmsguard.inspection.topology.Staged pending = worker.checksumStage(r, checked.stage());

        assertThat(pending).isInstanceOf(io.mmsguard.inspection.topology.Staged.SimilarPending.class);
        io.mmsguard.avro.Decision d = worker.decide(r, pending).decision().orElseThrow();
        assertThat(d.getVerdict()).isEqualTo(io.mmsguard.avro.Verdict.TEMPORARY_FAILURE);
        assertThat(d.getDetail()).isEqualTo("inspection failed: IllegalStateException");
    }

    @Test
    void aSimilarDifferenceWithACopyOfItsBandCloseByIsExplainedByTheBandOrder() {
        RuleTimeline rules = rules(profile(1, withSimilar(3)));
        List<Replayed> close = new ReplayEngine(rules, new ReplayOptions(1, true, EICAR_ONLY)).replay(campaign(20, 1));
        List<Replayed> apart = new ReplayEngine(rules, new ReplayOptions(1, true, EICAR_ONLY))
                .replay(campaign(20, 5));
        Map<String, Recorded> closeRecorded = asRecorded(close);
        closeRecorded.put("s-23", new Recorded("s-23", "PASS NONE", "p", 1, "mms.decisions"));
        closeRecorded.put("s-24", new Recorded("s-24", "PASS NONE", "p", 1, "mms.decisions"));
        Map<String, Recorded> apartRecorded = asRecorded(apart);
        apartRecorded.put("s-35", new Recorded("s-35", "PASS NONE", "p", 1, "mms.decisions"));

        Verification v = Verification.of(close, closeRecorded, Instant.ofEpochMilli(T0), null);
        Verification w = Verification.of(apart, apartRecorded, Instant.ofEpochMilli(T0), null);

        assertThat(v.differences()).extracting(d -> d.replayed().record().envelope().getSessionId(),
                        Verification.Difference::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s-23", Verification.Cause.SIMILAR_BAND_ORDER),
                        org.assertj.core.groups.Tuple.tuple("s-24", Verification.Cause.FOLLOWS_EARLIER));
        assertThat(v.differences().get(0).why()).startsWith("another message had band MM1|t");
        assertThat(w.differences()).extracting(Verification.Difference::cause)
                .as("5 s apart: the live order is not open").containsExactly(Verification.Cause.UNEXPLAINED);
    }

    /** What a live run that agreed with the replay would have logged (this profile logs every message). */
    private static Map<String, Recorded> asRecorded(List<Replayed> out) {
        Map<String, Recorded> recorded = new HashMap<>();
        out.forEach(r -> recorded.put(r.record().envelope().getSessionId(),
                Recorded.of(r.outputs().log().orElseThrow(), "mms.inspection-log")));
        return recorded;
    }
}
