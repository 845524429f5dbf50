package io.mmsguard.inspection.profile;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;

/**
 * One validation concern. The extension point for the rest of the profile: scanner settings (banned words, file
 * filter, checksum list, oversize) add their rules with {@link ProfileValidator#with(ProfileRule)} rather than
 * growing the built-in ones.
 */
@FunctionalInterface
public interface ProfileRule {

    /** Appends a problem per violation; never throws for bad data. */
    void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems);
}
