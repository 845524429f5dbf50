package io.mmsguard.inspection.decision;

import io.mmsguard.inspection.profile.Interfaces;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.scan.MemberEvidence;
import io.mmsguard.schemas.profile.VirusNotificationList;

/**
 * Whether the sender may be told (FEATURES.md A15): only for a virus that was blocked or stripped, when the
 * interface's VIRUS rule is enabled with notifySender and the virus is on the profile's notification list (an empty
 * list means every virus). Flood and duplicate never notify: it would tell an attacker the thresholds. The other
 * content reasons do not notify the sender either, whatever their rule says: A15 grants it to virus senders only.
 */
final class SenderNotification {

    private SenderNotification() {
    }

    static boolean allowed(Inspection in, Finding f) {
        if (f.reason() != Reason.VIRUS || (f.verdict() != Verdict.BLOCK && f.verdict() != Verdict.STRIP)) {
            return false;
        }
        MmsProfile profile = in.profile().source();
        boolean ruleAllows = Interfaces.settings(profile, in.envelope().getMmsInterface()).getNotification().getRules().stream()
                .anyMatch(r -> r.getType() == NotificationType.VIRUS && r.getEnabled() && r.getNotifySender());
        return ruleAllows && VirusNotificationList.listed(profile.getVirusNotifications(), MemberEvidence.finding(f.detail()));
    }
}
