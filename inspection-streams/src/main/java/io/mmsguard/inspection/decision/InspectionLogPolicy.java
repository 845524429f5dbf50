package io.mmsguard.inspection.decision;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.LoggingSettings;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.ScanResult;
import io.mmsguard.inspection.scan.Scanner;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.ThresholdAction;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether a message's inspection-log record is written.
 *
 * <p>Every decision with a consequence is always written, whatever the switches: BLOCK, STRIP, TEMPORARY_FAILURE and
 * PASS_UNSCANNED, and any scanner error (FEATURES.md A19: every decision is logged with its reason and threshold;
 * PASS_UNSCANNED is the message nobody vouched for). The profile's {@code logging} switches (FortiOS mms-*-log)
 * govern the rest, the messages that pass: one with findings (a monitor-only match, a threshold hit that does not
 * block) is written when one of its findings falls under a switch that is on; an endpoint match counts only when its
 * entry has {@code log}, a threshold hit only when the threshold has the LOG action (FortiOS "action log"); a message
 * with no finding is written when {@code clean} is on.
 */
public final class InspectionLogPolicy {

    private InspectionLogPolicy() {
    }

    public static boolean wanted(Inspection in, Decision decision) {
        LoggingSettings logging = in.profile().source().getLogging();
        Verdict verdict = decision.getVerdict();
        if (verdict == Verdict.BLOCK || verdict == Verdict.STRIP || verdict == Verdict.PASS_UNSCANNED
                || verdict == Verdict.TEMPORARY_FAILURE
                || in.content().scanResults().stream().anyMatch(r -> r.outcome() == ScanOutcome.ERROR)) {
            return true;
        }
        boolean found = false;
        boolean logged = false;
        if (!in.endpoint().matches().isEmpty()) {
            found = true;
            logged = logging.getEndpointFilter() && in.endpoint().log();
        }
        for (ScanResult r : in.content().scanResults()) {
            if (r.outcome() == ScanOutcome.BLOCK || r.outcome() == ScanOutcome.MATCH) {
                found = true;
                logged |= switchFor(logging, r);
            }
        }
        if (hit(in.flood())) {
            found = true;
            logged |= logging.getFlood() && logs(in.flood());
        }
        if (hit(in.duplicate())) {
            found = true;
            logged |= logging.getDuplicate() && logs(in.duplicate());
        }
        // Near-duplicates: the duplicate switch (FortiOS has no similar-content check, so no switch of its own).
        if (hit(in.similar())) {
            found = true;
            logged |= logging.getDuplicate() && logs(in.similar());
        }
        return found ? logged : logging.getClean();
    }

    /** The scanners that have a logging switch (FortiOS mms-*-log); the findings of any other are always logged. */
    private static final Map<Scanner, Predicate<LoggingSettings>> SWITCHES = Map.of(
            Scanner.OVERSIZE, LoggingSettings::getOversize,
            Scanner.FILE_FILTER, LoggingSettings::getFileFilter,
            Scanner.ANTIVIRUS, LoggingSettings::getVirus,
            Scanner.BANNED_WORDS, LoggingSettings::getBannedWords,
            Scanner.CHECKSUM, LoggingSettings::getChecksum);

    private static boolean switchFor(LoggingSettings logging, ScanResult r) {
        Predicate<LoggingSettings> on = SWITCHES.get(r.scanner());
        return on == null || on.test(logging);
    }

    private static boolean hit(Optional<Outcome> outcome) {
        return outcome.map(o -> !o.hits().isEmpty()).orElse(false);
    }

    private static boolean logs(Optional<Outcome> outcome) {
        return outcome.map(o -> o.hits().stream().anyMatch(r -> r.actions().contains(ThresholdAction.LOG)))
                .orElse(false);
    }
}
