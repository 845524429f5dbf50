package io.mmsguard.inspection.backtest;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.Verdict;

/**
 * What the live topology recorded for one session (its decision on mms.decisions, or its mms.inspection-log record),
 * only ever compared with a replay, never an input to one.
 *
 * @param verdict as {@link Verdicts} names it: {@code VERDICT REASON}, or EXPIRED
 * @param source       the topic it was read from
 * @param stage2Offset where the duplicate stage counted it ({@link Stage2Order}); null when not recorded
 */
public record Recorded(String sessionId, String verdict, String profile, long profileVersion, String source,
                       Long stage2Offset) {

    public Recorded(String sessionId, String verdict, String profile, long profileVersion, String source) {
        this(sessionId, verdict, profile, profileVersion, source, null);
    }

    public static Recorded of(Decision d, String topic) {
        return new Recorded(d.getSessionId(), Verdicts.of(d), d.getProfile(), d.getProfileVersion(), topic);
    }

    public static Recorded of(InspectionLog l, String topic) {
        String verdict = l.getVerdict() == Verdict.EXPIRED ? "EXPIRED" : l.getVerdict() + " " + l.getReason();
        return new Recorded(l.getSessionId(), verdict, l.getProfile(), l.getProfileVersion(), topic,
                l.getStage2Offset());
    }

    /** What a verification read: by session id, and how many records of each topic. */
    public record Read(java.util.Map<String, Recorded> bySession, long logRecords, long decisions) {

        /** The duplicate stage's recorded order, for a replay. */
        public Stage2Order stage2Order() {
            java.util.Map<String, Long> offsets = new java.util.HashMap<>();
            bySession.values().stream().filter(r -> r.stage2Offset() != null)
                    .forEach(r -> offsets.put(r.sessionId(), r.stage2Offset()));
            return Stage2Order.of(offsets);
        }
    }

    public boolean expired() {
        return "EXPIRED".equals(verdict);
    }
}
