package io.mmsguard.inspection.profile;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;
import java.util.Optional;

/** A profile record either maps to a {@link Profile} or is rejected with its problems, never both. */
public record ProfileCheck(Optional<Profile> profile, List<ValidationProblem> problems) {

    public ProfileCheck {
        problems = List.copyOf(problems);
        if (profile.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a profile or problems, not both and not neither");
        }
    }

    public boolean valid() {
        return profile.isPresent();
    }
}
