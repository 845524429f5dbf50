package io.mmsguard.inspection.profile;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotifMsisdn;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.ThresholdRef;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;

/**
 * Administrator subscriptions name thresholds (FortiOS notif-msisdn flood-thresh-1..3, dupe-thresh-1..3): each
 * reference must be able to point at one, or the administrator silently never hears of it.
 */
final class ThresholdRefRule implements ProfileRule {

    @Override
    public void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems) {
        List<NotifMsisdn> admins = profile.getNotifMsisdn();
        for (int i = 0; i < admins.size(); i++) {
            List<ThresholdRef> refs = admins.get(i).getThresholds();
            for (int j = 0; j < refs.size(); j++) {
                ThresholdRef ref = refs.get(j);
                String at = "notifMsisdn[" + i + "].thresholds[" + j + "]";
                if (ref.getKind() != ThresholdKind.FLOOD && ref.getKind() != ThresholdKind.DUPLICATE) {
                    problems.add(new ValidationProblem(at + ".kind", ref.getKind() + " is not FLOOD or DUPLICATE"));
                }
                if (ref.getIndex() < 1 || ref.getIndex() > Threshold.MAX_THRESHOLDS) {
                    problems.add(new ValidationProblem(at + ".index", ref.getIndex() + " is outside 1-3"));
                }
                MmsInterface mmsInterface = ref.getMmsInterface();
                if (mmsInterface != null && !Interfaces.hasThresholds(mmsInterface)) {
                    problems.add(new ValidationProblem(at + ".mmsInterface",
                            mmsInterface + " has no thresholds (MM1 and MM4 only)"));
                }
            }
        }
    }
}
