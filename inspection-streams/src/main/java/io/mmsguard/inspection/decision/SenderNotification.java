package io.mmsguard.inspection.decision;

import io.mmsguard.inspection.profile.Interfaces;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.avro.VirusNotificationEntry;
import java.util.List;

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
        return ruleAllows && listed(profile.getVirusNotifications(), f.detail());
    }

    static boolean listed(List<VirusNotificationEntry> entries, String virus) {
        List<VirusNotificationEntry> enabled = entries.stream().filter(VirusNotificationEntry::getEnabled).toList();
        if (entries.isEmpty()) {
            return true;
        }
        if (virus == null) {
            return false;
        }
        return enabled.stream().anyMatch(e -> e.getPrefix()
                ? virus.regionMatches(true, 0, e.getName(), 0, e.getName().length())
                : virus.equalsIgnoreCase(e.getName()));
    }
}
