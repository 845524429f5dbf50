package io.mmsguard.inspection.profile;

import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;

/**
 * The per-interface settings this package maps: retrieveDuplicate is MM1 only (FortiOS mm1-retr-dupe), and the
 * archive mode must be one this version knows (a newer writer's symbol reads as UNKNOWN).
 */
final class InterfaceRule implements ProfileRule {

    @Override
    public void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems) {
        for (MmsInterface mmsInterface : Interfaces.ALL) {
            InterfaceSettings settings = Interfaces.settings(profile, mmsInterface);
            String prefix = Interfaces.field(mmsInterface);
            if (settings.getRetrieveDuplicate() && mmsInterface != MmsInterface.MM1) {
                problems.add(new ValidationProblem(prefix + ".retrieveDuplicate", "applies to MM1 only"));
            }
            if (settings.getArchive() == null || settings.getArchive() == ArchiveMode.UNKNOWN) {
                problems.add(new ValidationProblem(prefix + ".archive",
                        settings.getArchive() + " is not a known archive mode"));
            }
        }
    }
}
