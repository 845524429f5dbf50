package io.mmsguard.notifier;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotifMsisdn;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who receives a notice (A15, A16).
 * <ul>
 *   <li>Administrators: every notif-msisdn entry whose {@code types} contain the alert's type, and, for FLOOD and
 *       DUPLICATE alerts, every entry with a threshold reference matching the alert's threshold (same kind and index;
 *       a reference with an interface matches only that interface). Either match suffices, so a FortiOS-style entry
 *       that lists only thresholds receives exactly those thresholds' alerts.</li>
 *   <li>The sender: only for VIRUS alerts, only when the rule says {@code notifySender} and the alert is
 *       {@code senderNotifiable}. Never for FLOOD or DUPLICATE (or any other type), whatever the rule says.</li>
 * </ul>
 * Each address appears once, administrators first in table order; blank addresses are skipped.
 */
public final class Recipients {

    public enum Kind { ADMIN, SENDER }

    public record Recipient(String address, Kind kind) {
    }

    private Recipients() {
    }

    /** @param rule the alert type's rule, or null when there is none */
    public static List<Recipient> of(Alert alert, NotificationRule rule, List<NotifMsisdn> table) {
        List<Recipient> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (NotifMsisdn entry : table) {
            String address = entry.getMsisdn();
            if (address == null || address.isBlank() || !isAdminFor(entry, alert)) {
                continue;
            }
            if (seen.add(address)) {
                out.add(new Recipient(address, Kind.ADMIN));
            }
        }
        if (senderMayBeNotified(alert, rule)) {
            String sender = alert.getSender();
            if (seen.add(sender)) {
                out.add(new Recipient(sender, Kind.SENDER));
            }
        }
        return List.copyOf(out);
    }

    public static boolean senderMayBeNotified(Alert alert, NotificationRule rule) {
        return alert.getType() == NotificationType.VIRUS
                && rule != null && rule.getEnabled() && rule.getNotifySender()
                && alert.getSenderNotifiable()
                && alert.getSender() != null && !alert.getSender().isBlank();
    }

    static boolean isAdminFor(NotifMsisdn entry, Alert alert) {
        if (entry.getTypes().contains(alert.getType())) {
            return true;
        }
        NotificationType type = alert.getType();
        ThresholdCount t = alert.getThreshold();
        if ((type != NotificationType.FLOOD && type != NotificationType.DUPLICATE) || t == null) {
            return false;
        }
        for (ThresholdRef ref : entry.getThresholds()) {
            MmsInterface iface = ref.getMmsInterface();
            if (ref.getKind() == t.getKind() && ref.getIndex() == t.getIndex()
                    && (iface == null || iface == alert.getMmsInterface())) {
                return true;
            }
        }
        return false;
    }
}
