package io.mmsguard.inspection.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A replay with the versions that were in force, compared with what the live topology recorded. Every difference
 * gets a cause; only {@link Cause#UNEXPLAINED} ones mean the replay is not the topology.
 *
 * @param matches      messages whose recorded verdict and reason the replay reproduced
 * @param unverifiable messages with nothing recorded to compare with (a pass that was not logged, its decision
 *                     past mms.decisions' retention)
 */
public record Verification(long replayed, long matches, long unverifiable, List<Difference> differences) {

    public enum Cause {
        /** The live instance found the session expired (a wall-clock judgement the replay cannot make). */
        EXPIRED_SESSION("expired session"),
        /** The message was judged under another version than the one the replay had in force at its append time. */
        PROFILE_SWITCH_RACE("profile switch race"),
        /**
         * A sender's, checksum's or similar band's counts differ because an earlier message of it differed for a
         * cause above.
         */
        FOLLOWS_EARLIER("follows an earlier difference"),
        /**
         * Copies from several inbound partitions met in stage 2 in another order than their append times, and the
         * order was not recorded for every copy (a pass not logged, a record from before InspectionLog v5).
         */
        STAGE2_ORDER("stage-2 order"),
        /**
         * A similar-content verdict on a message that shared a band with another one appended within
         * {@link SimilarBandTimes#CLOSE}: live, the two met in the band step in an order nobody records.
         */
        SIMILAR_BAND_ORDER("similar band order"),
        /**
         * Within the longest window or block time after the replay's start: the live counts included messages from
         * before it, which the replay did not read.
         */
        WARM_UP("counts from before the start"),
        /** The replay would have logged it, but the record is older than the inspection log's oldest record. */
        OUTSIDE_RETENTION("outside retention"),
        UNEXPLAINED("unexplained");

        private final String label;

        Cause(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** @param recorded null when nothing was recorded */
    public record Difference(Replayed replayed, Recorded recorded, Cause cause, String why) {
    }

    public long unexplained() {
        return count(Cause.UNEXPLAINED);
    }

    public long count(Cause cause) {
        return differences.stream().filter(d -> d.cause() == cause).count();
    }

    public Map<Cause, Long> byCause() {
        Map<Cause, Long> out = new EnumMap<>(Cause.class);
        differences.forEach(d -> out.merge(d.cause(), 1L, Long::sum));
        return out;
    }

    /**
     * @param recorded        by session id
     * @param logRetainedFrom from when the inspection log holds records (null: it is empty): a replayed record older
     *                        than that may have lost its log record to retention
     * @param warmUpUntil     records before this may differ for counts the replay did not see (null: the replay
     *                        started where the topic starts)
     */
    public static Verification of(List<Replayed> replayed, Map<String, Recorded> recorded, Instant logRetainedFrom,
                                  Instant warmUpUntil) {
        Map<String, Set<Integer>> partitionsPerChecksum = new HashMap<>();
        Set<String> orderNotRecorded = new HashSet<>();
        for (Replayed r : replayed) {
            if (r.stage2()) {
                partitionsPerChecksum.computeIfAbsent(r.checksum(), k -> new HashSet<>()).add(r.record().partition());
                Recorded rec = recorded.get(r.record().envelope().getSessionId());
                if (rec == null || rec.stage2Offset() == null) {
                    orderNotRecorded.add(r.checksum());
                }
            }
        }
        SimilarBandTimes bandTimes = SimilarBandTimes.of(replayed, r -> {
            Recorded rec = recorded.get(r.record().envelope().getSessionId());
            return rec != null && involvesSimilar(Verdicts.of(r), rec.verdict());
        });
        Tainted tainted = new Tainted();
        long matches = 0;
        long unverifiable = 0;
        List<Difference> differences = new ArrayList<>();
        for (Replayed r : replayed) {
            Recorded rec = recorded.get(r.record().envelope().getSessionId());
            if (rec == null) {
                if (r.outputs().log().isEmpty()) {
                    unverifiable++;
                } else if (logRetainedFrom == null || r.record().timestamp() < logRetainedFrom.toEpochMilli()) {
                    differences.add(new Difference(r, null, Cause.OUTSIDE_RETENTION,
                            "the replay logs it; the inspection log no longer reaches back to it"));
                } else {
                    Cause earlier = tainted.cause(r);
                    differences.add(new Difference(r, null, earlier == null ? Cause.UNEXPLAINED : Cause.FOLLOWS_EARLIER,
                            "the replay logs it; nothing was recorded"));
                }
                continue;
            }
            String replayedVerdict = Verdicts.of(r);
            if (replayedVerdict.equals(rec.verdict())) {
                matches++;
                continue;
            }
            Cause cause;
            String why;
            long replayedVersion = r.decision().map(d -> d.getProfileVersion()).orElse(-1L);
            Cause earlier = tainted.cause(r);
            String closeBand;
            if (rec.expired()) {
                cause = Cause.EXPIRED_SESSION;
                why = "the live instance found the session expired; the replay cannot know its wall clock";
            } else if (warmUpUntil != null && r.record().timestamp() < warmUpUntil.toEpochMilli()
                    && rec.profileVersion() == replayedVersion) {
                cause = Cause.WARM_UP;
                why = "within the longest window after the start: live counts included earlier messages";
            } else if (rec.profileVersion() != replayedVersion) {
                cause = Cause.PROFILE_SWITCH_RACE;
                why = "judged live under profile " + rec.profile() + " version " + rec.profileVersion()
                        + ", the replay had version " + replayedVersion + " in force at its append time";
            } else if (earlier != null) {
                cause = Cause.FOLLOWS_EARLIER;
                why = "an earlier message of the same sender, checksum or similar band differed (" + earlier.label() + ")";
            } else if (involvesDuplicate(replayedVerdict, rec.verdict()) && orderNotRecorded.contains(r.checksum())
                    && partitionsPerChecksum.getOrDefault(r.checksum(), Set.of()).size() > 1) {
                cause = Cause.STAGE2_ORDER;
                why = "copies of checksum " + r.checksum() + " came from "
                        + partitionsPerChecksum.get(r.checksum()).size() + " inbound partitions and not every copy's"
                        + " stage-2 offset was recorded";
            } else if (involvesSimilar(replayedVerdict, rec.verdict())
                    && (closeBand = bandTimes.closeCopy(r)) != null) {
                cause = Cause.SIMILAR_BAND_ORDER;
                why = "another message had band " + closeBand + " within " + SimilarBandTimes.CLOSE.toMillis()
                        + " ms of it: live, the band step may have counted the two in the other order";
            } else {
                cause = Cause.UNEXPLAINED;
                why = "";
            }
            differences.add(new Difference(r, rec, cause, why));
            if (cause != Cause.UNEXPLAINED) {
                tainted.add(r, cause == Cause.FOLLOWS_EARLIER ? earlier : cause);
            }
        }
        return new Verification(replayed.size(), matches, unverifiable, List.copyOf(differences));
    }

    private static boolean involvesDuplicate(String a, String b) {
        return a.endsWith(" DUPLICATE") || b.endsWith(" DUPLICATE");
    }

    private static boolean involvesSimilar(String a, String b) {
        return a.endsWith(" SIMILAR") || b.endsWith(" SIMILAR");
    }

    /** The senders, checksums and similar band keys whose counts an explained difference has made differ. */
    private static final class Tainted {
        private final Map<String, Cause> senders = new HashMap<>();
        private final Map<String, Cause> checksums = new HashMap<>();
        private final Map<String, Cause> bands = new HashMap<>();

        Cause cause(Replayed r) {
            Cause c = senders.get(r.record().envelope().getSender());
            if (c == null && r.checksum() != null) {
                c = checksums.get(r.checksum());
            }
            if (c == null && !bands.isEmpty()) {
                c = SimilarBandTimes.keys(r).stream().map(bands::get).filter(java.util.Objects::nonNull).findFirst()
                        .orElse(null);
            }
            return c;
        }

        void add(Replayed r, Cause root) {
            senders.putIfAbsent(r.record().envelope().getSender(), root);
            if (r.checksum() != null) {
                checksums.putIfAbsent(r.checksum(), root);
            }
            SimilarBandTimes.keys(r).forEach(k -> bands.putIfAbsent(k, root));
        }
    }
}
