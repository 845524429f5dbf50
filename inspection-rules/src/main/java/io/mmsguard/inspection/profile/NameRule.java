package io.mmsguard.inspection.profile;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;

/** A profile is found by its name: it must have one. */
final class NameRule implements ProfileRule {

    @Override
    public void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems) {
        if (profile.getName() == null || profile.getName().isBlank()) {
            problems.add(new ValidationProblem("name", "must not be empty"));
        }
    }
}
