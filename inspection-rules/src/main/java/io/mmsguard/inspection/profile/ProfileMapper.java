package io.mmsguard.inspection.profile;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdAction;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds the domain {@link Profile} from the Avro record, after validation. */
public final class ProfileMapper {

    private ProfileMapper() {
    }

    /** Validates with {@code validator}, then maps: the one entry point for the topology and the CLI. */
    public static ProfileCheck check(MmsProfile profile, ProfileContext context, ProfileValidator validator) {
        List<ValidationProblem> problems = validator.validate(profile, context);
        if (!problems.isEmpty()) {
            return new ProfileCheck(Optional.empty(), problems);
        }
        return new ProfileCheck(Optional.of(toProfile(profile)), List.of());
    }

    public static ProfileCheck check(MmsProfile profile, ProfileContext context) {
        return check(profile, context, ProfileValidator.standard());
    }

    /** @throws IllegalArgumentException when the record is out of range: call {@link #check} for untrusted input */
    static Profile toProfile(MmsProfile p) {
        return new Profile(p.getName(),
                policy(MmsInterface.MM1, p.getMm1()), policy(MmsInterface.MM3, p.getMm3()),
                policy(MmsInterface.MM4, p.getMm4()), policy(MmsInterface.MM7, p.getMm7()),
                p.getEndpointLists(), p.getDuplicateOptions().getIncludeSubject(), p);
    }

    private static InterfacePolicy policy(MmsInterface mmsInterface, InterfaceSettings s) {
        return new InterfacePolicy(mmsInterface, s.getFailOpen(), s.getMonitorOnly(), s.getArchive(),
                thresholds(s.getFlood()), thresholds(s.getDuplicate()), s.getRetrieveDuplicate(),
                thresholds(s.getSimilar()));
    }

    private static List<Threshold> thresholds(List<io.mmsguard.avro.Threshold> avro) {
        return avro.stream().map(ProfileMapper::threshold).toList();
    }

    public static Threshold threshold(io.mmsguard.avro.Threshold t) {
        Set<ThresholdAction> actions = EnumSet.noneOf(ThresholdAction.class);
        for (io.mmsguard.avro.ThresholdAction a : t.getActions()) {
            actions.add(ThresholdAction.valueOf(a.name()));
        }
        return new Threshold(t.getEnabled(), t.getWindowMinutes(), t.getLimit(), actions, t.getBlockTimeMinutes());
    }
}
