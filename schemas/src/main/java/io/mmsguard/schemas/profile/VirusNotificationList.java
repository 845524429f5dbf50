package io.mmsguard.schemas.profile;

import io.mmsguard.avro.VirusNotificationEntry;
import java.util.List;

/**
 * The profile's antivirus notification list (FortiOS {@code avnotificationtable}): which virus names are notified.
 * Shared by the inspection topology (may the sender be told?) and the notifier (is a VIRUS alert notified at all?),
 * so that both read the list the same way.
 */
public final class VirusNotificationList {

    private VirusNotificationList() {
    }

    /**
     * Whether {@code virus} is notified: an empty list means every virus; otherwise an enabled entry must match the
     * name exactly or, for a prefix entry, its beginning (both ignoring case). A null virus matches only an empty
     * list.
     */
    public static boolean listed(List<VirusNotificationEntry> entries, String virus) {
        if (entries.isEmpty()) {
            return true;
        }
        if (virus == null) {
            return false;
        }
        return entries.stream().filter(VirusNotificationEntry::getEnabled).anyMatch(e -> e.getPrefix()
                ? virus.regionMatches(true, 0, e.getName(), 0, e.getName().length())
                : virus.equalsIgnoreCase(e.getName()));
    }
}
