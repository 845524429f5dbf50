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
        /** A sender's or checksum's counts differ because an earlier message of it differed for a cause above. */
        FOLLOWS_EARLIER("follows an earlier difference"),
        /**
         * Copies from several inbound partitions met in stage 2 in another order than their append times, and the
         * order was not recorded for every copy (a pass not logged, a record from before InspectionLog v5).
         */
        STAGE2_ORDER("stage-2 order"),
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
        Map<String, Cause> taintedSenders = new HashMap<>();
        Map<String, Cause> taintedChecksums = new HashMap<>();
        long matches = 0;
        long unverifiable = 0;
        List<Difference> differences = new ArrayList<>();
        for (Replayed r : replayed) {
            Recorded rec = recorded.get(r.record().envelope().getSessionId());
            String sender = r.record().envelope().getSender();
            if (rec == null) {
                if (r.outputs().log().isEmpty()) {
                    unverifiable++;
                } else if (logRetainedFrom == null || r.record().timestamp() < logRetainedFrom.toEpochMilli()) {
                    differences.add(new Difference(r, null, Cause.OUTSIDE_RETENTION,
                            "the replay logs it; the inspection log no longer reaches back to it"));
                } else {
                    Cause earlier = taint(taintedSenders, taintedChecksums, sender, r);
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
            Cause earlier = taint(taintedSenders, taintedChecksums, sender, r);
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
                why = "an earlier message of the same sender or checksum differed (" + earlier.label() + ")";
            } else if (involvesDuplicate(replayedVerdict, rec.verdict()) && orderNotRecorded.contains(r.checksum())
                    && partitionsPerChecksum.getOrDefault(r.checksum(), Set.of()).size() > 1) {
                cause = Cause.STAGE2_ORDER;
                why = "copies of checksum " + r.checksum() + " came from "
                        + partitionsPerChecksum.get(r.checksum()).size() + " inbound partitions and not every copy's"
                        + " stage-2 offset was recorded";
            } else {
                cause = Cause.UNEXPLAINED;
                why = "";
            }
            differences.add(new Difference(r, rec, cause, why));
            if (cause != Cause.UNEXPLAINED) {
                Cause root = cause == Cause.FOLLOWS_EARLIER ? earlier : cause;
                taintedSenders.putIfAbsent(sender, root);
                if (r.checksum() != null) {
                    taintedChecksums.putIfAbsent(r.checksum(), root);
                }
            }
        }
        return new Verification(replayed.size(), matches, unverifiable, List.copyOf(differences));
    }

    private static Cause taint(Map<String, Cause> senders, Map<String, Cause> checksums, String sender, Replayed r) {
        Cause c = senders.get(sender);
        return c != null ? c : r.checksum() == null ? null : checksums.get(r.checksum());
    }

    private static boolean involvesDuplicate(String a, String b) {
        return a.endsWith(" DUPLICATE") || b.endsWith(" DUPLICATE");
    }
}
