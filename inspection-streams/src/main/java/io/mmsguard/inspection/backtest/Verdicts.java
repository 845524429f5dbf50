package io.mmsguard.inspection.backtest;

import io.mmsguard.avro.Decision;

/** How a report names what happened to a message: {@code VERDICT REASON}, or EXPIRED when it got no decision. */
public final class Verdicts {
    private Verdicts() {
    }

    public static String of(Replayed r) {
        return r.decision().map(Verdicts::of).orElse("EXPIRED");
    }

    public static String of(Decision d) {
        return d.getVerdict() + " " + d.getReason();
    }

    /** Whether the message was kept from its recipients (a block; a temporary failure is retried, not blocked). */
    static boolean blocked(Replayed r) {
        return r.decision().map(d -> d.getVerdict() == io.mmsguard.avro.Verdict.BLOCK).orElse(false);
    }
}
