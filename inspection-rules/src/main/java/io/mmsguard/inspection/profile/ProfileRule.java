package io.mmsguard.inspection.profile;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;

/**
 * One validation concern. The extension point for the rest of the profile: a concern adds its rule with
 * {@link ProfileValidator#with(ProfileRule)} rather than growing the built-in ones. The scanners' settings come in as
 * one rule, {@link ScanProfileMapper#rule(ScannerRegistry)}, in which each registered {@link ScannerDefinition} checks
 * its own.
 */
@FunctionalInterface
public interface ProfileRule {

    /** Appends a problem per violation; never throws for bad data. */
    void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems);
}
