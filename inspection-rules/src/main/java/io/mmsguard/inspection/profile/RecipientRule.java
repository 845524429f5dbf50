package io.mmsguard.inspection.profile;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotifMsisdn;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.VirusNotificationEntry;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is notified and about what (FORTICARRIER.md 1.4, 1.9): an administrator's address must be one a notice can
 * be sent to, once; the types known; a virus notification entry must name something.
 */
final class RecipientRule implements ProfileRule {

    @Override
    public void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems) {
        List<NotifMsisdn> admins = profile.getNotifMsisdn();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < admins.size(); i++) {
            NotifMsisdn a = admins.get(i);
            String at = "notifMsisdn[" + i + "]";
            if (!Addresses.isMsisdnOrMail(a.getMsisdn())) {
                problems.add(new ValidationProblem(at + ".msisdn", "\"" + a.getMsisdn()
                        + "\" is neither an MSISDN (+ and digits) nor a mail address"));
            } else if (!seen.add(a.getMsisdn())) {
                problems.add(new ValidationProblem(at + ".msisdn", "\"" + a.getMsisdn()
                        + "\" is listed twice"));
            }
            Set<NotificationType> types = EnumSet.noneOf(NotificationType.class);
            for (int j = 0; j < a.getTypes().size(); j++) {
                String path = at + ".types[" + j + "]";
                NotificationType t = a.getTypes().get(j);
                if (Ranges.known(path, t, problems) && !types.add(t)) {
                    problems.add(new ValidationProblem(path, t + " is listed twice"));
                }
            }
        }
        List<VirusNotificationEntry> viruses = profile.getVirusNotifications();
        for (int i = 0; i < viruses.size(); i++) {
            String name = viruses.get(i).getName();
            if (name == null || name.isBlank()) {
                problems.add(new ValidationProblem("virusNotifications[" + i + "].name", "must not be empty"));
            }
        }
    }
}
