package io.mmsguard.inspection.profile;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;

/**
 * A shadow names another profile by its name. It cannot be the profile itself: the shadow's decisions would be the
 * live ones and its threshold state would count every message twice over. Whether the named profile exists is not
 * checked here (profiles are applied one at a time, so the shadow may be applied after the profile naming it); the
 * inspection service logs and counts messages whose shadow is missing.
 */
final class ShadowRule implements ProfileRule {
    static final int MAX_NAME_LENGTH = 200;

    @Override
    public void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems) {
        for (MmsInterface mmsInterface : Interfaces.ALL) {
            InterfaceSettings settings = Interfaces.settings(profile, mmsInterface);
            String shadow = settings.getShadow();
            if (shadow == null) {
                continue;
            }
            String path = Interfaces.field(mmsInterface) + ".shadow";
            if (shadow.isBlank()) {
                problems.add(new ValidationProblem(path, "must name a profile, or be null for no shadow"));
            } else if (shadow.length() > MAX_NAME_LENGTH) {
                problems.add(new ValidationProblem(path, "at most " + MAX_NAME_LENGTH + " characters"));
            } else if (shadow.equals(profile.getName())) {
                problems.add(new ValidationProblem(path, "a profile cannot be its own shadow"));
            }
        }
    }
}
