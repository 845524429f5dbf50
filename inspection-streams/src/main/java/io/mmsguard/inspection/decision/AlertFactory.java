package io.mmsguard.inspection.decision;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.profile.ThresholdCounts;
import io.mmsguard.inspection.scan.MemberEvidence;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.Scanner;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.ThresholdAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * mms.alerts events for the notifier, which applies the profile's notification rules, intervals and windows:
 * <ul>
 * <li>FLOOD / DUPLICATE: one per exceeded threshold with ALERT_ADMIN (administrators subscribe per threshold);
 * never sender-notifiable.</li>
 * <li>VIRUS, FILE_FILTER, BANNED_WORDS, CHECKSUM, ENDPOINT: one for a message blocked or stripped for that reason;
 * senderNotifiable is the decision's notifySender, so true only for a virus the profile lets the sender hear of.</li>
 * <li>VIRUS on a monitorOnly interface: the virus is delivered but still alerted (FortiOS avmonitor), never to the
 * sender, who would learn nothing useful about a message that went through.</li>
 * </ul>
 */
public final class AlertFactory {

    private AlertFactory() {
    }

    public static List<Alert> create(Inspection in, Decision decision) {
        List<Alert> alerts = new ArrayList<>();
        contentType(decision.getReason()).filter(t -> decision.getVerdict() == Verdict.BLOCK
                || decision.getVerdict() == Verdict.STRIP).ifPresent(t -> alerts.add(base(in, decision, t)
                .setVirusName(t == NotificationType.VIRUS ? MemberEvidence.finding(decision.getDetail()) : null)
                .setDetail(decision.getDetail())
                .setSenderNotifiable(decision.getNotifySender())
                .build()));
        if (decision.getReason() != Reason.VIRUS && in.policy().monitorOnly()) {
            in.content().resultsOf(Scanner.ANTIVIRUS).stream().filter(r -> r.outcome() == ScanOutcome.MATCH)
                    .findFirst().map(r -> MemberEvidence.finding(r.detail())).ifPresent(virus -> alerts.add(
                            base(in, decision, NotificationType.VIRUS).setVirusName(virus)
                                    .setDetail("monitor only: " + virus).build()));
        }
        thresholds(in, decision, ThresholdKind.FLOOD, in.flood(), alerts);
        thresholds(in, decision, ThresholdKind.DUPLICATE, in.duplicate(), alerts);
        thresholds(in, decision, ThresholdKind.SIMILAR, in.similar(), alerts);
        return alerts;
    }

    private static Optional<NotificationType> contentType(Reason reason) {
        return switch (reason) {
            case VIRUS -> Optional.of(NotificationType.VIRUS);
            case FILE_FILTER -> Optional.of(NotificationType.FILE_FILTER);
            case BANNED_WORDS -> Optional.of(NotificationType.BANNED_WORDS);
            case CHECKSUM -> Optional.of(NotificationType.CHECKSUM);
            case ENDPOINT -> Optional.of(NotificationType.ENDPOINT);
            default -> Optional.empty();
        };
    }

    private static void thresholds(Inspection in, Decision decision, ThresholdKind kind, Optional<Outcome> outcome,
                                   List<Alert> alerts) {
        // A near-duplicate is reported as a duplicate notification; its threshold's kind (SIMILAR) tells them apart.
        NotificationType type = kind == ThresholdKind.FLOOD ? NotificationType.FLOOD : NotificationType.DUPLICATE;
        outcome.ifPresent(o -> o.hits().stream().filter(r -> r.actions().contains(ThresholdAction.ALERT_ADMIN))
                .forEach(r -> alerts.add(base(in, decision, type)
                        .setThreshold(ThresholdCounts.toAvro(kind, r))
                        .setChecksum(kind == ThresholdKind.DUPLICATE ? in.checksum() : null)
                        .setDetail(DecisionFactory.describe(kind, r))
                        .setSenderNotifiable(false)
                        .build())));
    }

    private static Alert.Builder base(Inspection in, Decision decision, NotificationType type) {
        MmsEnvelope env = in.envelope();
        return Alert.newBuilder()
                .setProfile(decision.getProfile())
                .setMmsInterface(env.getMmsInterface())
                .setType(type)
                .setSender(env.getSender())
                .setCount(1)
                .setEventAt(decision.getDecidedAt())
                .setSessionId(env.getSessionId())
                .setSenderNotifiable(false);
    }
}
