package io.mmsguard.notifier;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotifMsisdn;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.ThresholdRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who receives a notice (A15, A16). Administrator notices and sender notices are separate notice streams, so a
 * notice goes either to administrators or to its sender, never both.
 * <ul>
 *   <li>Administrators: every notif-msisdn entry whose {@code types} contain the notice's type, and, for FLOOD and
 *       DUPLICATE notices, every entry with a threshold reference matching the notice's threshold (same kind and
 *       index; a reference with an interface matches only that interface). Either match suffices, so a
 *       FortiOS-style entry that lists only thresholds receives exactly those thresholds' notices.</li>
 *   <li>The sender: only for VIRUS notices, only while the rule is enabled and says {@code notifySender}. Never for
 *       FLOOD or DUPLICATE (or any other type), whatever the rule says.</li>
 * </ul>
 * Each address appears once, in table order; blank addresses are skipped.
 */
public final class Recipients {

    public enum Kind { ADMIN, SENDER }

    public record Recipient(String address, Kind kind) {
    }

    /**
     * What a notice is about, as far as recipients go.
     *
     * @param thresholdIndex the FLOOD/DUPLICATE threshold (1-3), or null
     * @param toSender       a sender notice for {@code sender}
     */
    public record Target(NotificationType type, MmsInterface mmsInterface, Integer thresholdIndex, boolean toSender,
                         String sender) {

        public static Target admins(NotificationType type, MmsInterface mmsInterface, Integer thresholdIndex) {
            return new Target(type, mmsInterface, thresholdIndex, false, null);
        }

        public static Target sender(MmsInterface mmsInterface, String sender) {
            return new Target(NotificationType.VIRUS, mmsInterface, null, true, sender);
        }
    }

    private Recipients() {
    }

    /** @param rule the notice type's enabled rule, or null when there is none */
    public static List<Recipient> of(Target target, NotificationRule rule, List<NotifMsisdn> table) {
        if (target.toSender()) {
            return senderMayBeNotified(target, rule) ? List.of(new Recipient(target.sender(), Kind.SENDER))
                    : List.of();
        }
        List<Recipient> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (NotifMsisdn entry : table) {
            String address = entry.getMsisdn();
            if (address != null && !address.isBlank() && isAdminFor(entry, target) && seen.add(address)) {
                out.add(new Recipient(address, Kind.ADMIN));
            }
        }
        return List.copyOf(out);
    }

    static boolean senderMayBeNotified(Target target, NotificationRule rule) {
        return target.type() == NotificationType.VIRUS
                && rule != null && rule.getEnabled() && rule.getNotifySender()
                && target.sender() != null && !target.sender().isBlank();
    }

    static boolean isAdminFor(NotifMsisdn entry, Target target) {
        NotificationType type = target.type();
        if (entry.getTypes().contains(type)) {
            return true;
        }
        Integer index = target.thresholdIndex();
        if ((type != NotificationType.FLOOD && type != NotificationType.DUPLICATE) || index == null) {
            return false;
        }
        ThresholdKind kind = type == NotificationType.FLOOD ? ThresholdKind.FLOOD : ThresholdKind.DUPLICATE;
        for (ThresholdRef ref : entry.getThresholds()) {
            MmsInterface iface = ref.getMmsInterface();
            if (ref.getKind() == kind && ref.getIndex() == index
                    && (iface == null || iface == target.mmsInterface())) {
                return true;
            }
        }
        return false;
    }
}
