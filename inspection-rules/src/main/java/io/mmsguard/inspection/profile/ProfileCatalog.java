package io.mmsguard.inspection.profile;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last valid profile per name, fed from mms.profiles. An invalid record is logged and ignored so that the
 * previous version stays in force: a typo in a live update must not drop a carrier's flood protection. The
 * {@code default} profile always resolves, to the schema defaults until one is published, and a tombstone for it
 * is ignored.
 */
public final class ProfileCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileCatalog.class);

    private static final Profile BUILT_IN_DEFAULT =
            ProfileMapper.toProfile(MmsProfile.newBuilder().setName(Profile.DEFAULT_NAME).build());

    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();
    private final ProfileValidator validator;

    public ProfileCatalog(ProfileValidator validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /**
     * Applies one record of the compacted topic.
     *
     * @param key   the record key (the profile name)
     * @param value the profile, or null for a tombstone
     * @return the problems that made the record be ignored; empty when it was applied
     */
    public List<ValidationProblem> update(String key, MmsProfile value, ProfileContext context) {
        if (value == null) {
            if (Profile.DEFAULT_NAME.equals(key)) {
                LOG.warn("profile {}: tombstone ignored, the default profile always exists", key);
                return List.of(new ValidationProblem("name", "the default profile cannot be deleted"));
            }
            profiles.remove(key);
            LOG.info("profile {}: deleted", key);
            return List.of();
        }
        ProfileCheck check = ProfileMapper.check(value, context, validator);
        List<ValidationProblem> problems = check.problems();
        if (check.valid() && !value.getName().equals(key)) {
            problems = List.of(new ValidationProblem("name",
                    "\"" + value.getName() + "\" does not match the record key \"" + key + "\""));
        }
        if (!problems.isEmpty()) {
            LOG.warn("profile {}: invalid record ignored, {} stays in force: {}", key,
                    profiles.containsKey(key) ? "the previous version" : "no version", problems);
            return problems;
        }
        profiles.put(key, check.profile().orElseThrow());
        LOG.info("profile {}: applied", key);
        return List.of();
    }

    /** The named profile; the {@code default} profile when the name is null, empty or unknown. */
    public Profile resolve(String name) {
        Profile p = name == null ? null : profiles.get(name);
        if (p != null) {
            return p;
        }
        return profiles.getOrDefault(Profile.DEFAULT_NAME, BUILT_IN_DEFAULT);
    }
}
