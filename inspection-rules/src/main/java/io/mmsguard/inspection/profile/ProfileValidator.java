package io.mmsguard.inspection.profile;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates an Avro profile: the one set of rules for {@code mmsguard config apply} (nothing invalid is written) and
 * for every service that reads mms.profiles through a {@link ProfileCatalog} (the topology, the gateway and the
 * notifier: an invalid record is ignored and the previous profile stays).
 */
public final class ProfileValidator {

    private static final ProfileValidator STANDARD = new ProfileValidator(
            List.of(new NameRule(), new InterfaceRule(), new ThresholdRule(), new ThresholdRefRule(),
                    new EndpointListRule(), ScanProfileMapper.RULE, new ResponseRule(), new HttpInterfaceRule(),
                    new NotificationSettingsRule(), new RecipientRule(), new EndpointPrefixRule(), new ShadowRule()));

    private final List<ProfileRule> rules;

    private ProfileValidator(List<ProfileRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The rules of this package: name, per-interface flags, flood and duplicate thresholds, administrator threshold
     * subscriptions, endpoint lists, and the scanners' settings ({@link ScanProfileMapper}: oversize, file filter,
     * banned words, checksum list, enum symbols this reader does not know), replacement messages and block statuses,
     * client comfort and sender address (MM1, MM7), each interface's notification settings, the administrators and
     * virus notification entries, and the endpoint prefix. {@link ProfileFields} lists what each field is checked by,
     * or why it needs no check.
     */
    public static ProfileValidator standard() {
        return STANDARD;
    }

    /** A validator that also applies {@code rule}, after the others. */
    public ProfileValidator with(ProfileRule rule) {
        List<ProfileRule> more = new ArrayList<>(rules);
        more.add(rule);
        return new ProfileValidator(more);
    }

    /** @return every problem found, in rule order; empty when the profile is valid */
    public List<ValidationProblem> validate(MmsProfile profile, ProfileContext context) {
        List<ValidationProblem> problems = new ArrayList<>();
        for (ProfileRule rule : rules) {
            rule.check(profile, context, problems);
        }
        return List.copyOf(problems);
    }
}
