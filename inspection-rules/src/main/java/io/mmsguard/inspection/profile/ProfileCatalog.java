package io.mmsguard.inspection.profile;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one profile library of every service (topology, gateway, notifier): the last valid profile per name, fed
 * record by record from the compacted mms.profiles topic. Replaying the topic from its start after a restart rebuilds
 * the same state, so the caller only has to feed every record in order.
 *
 * <ul>
 *   <li>Every record passes the one {@link ProfileValidator} ({@link ProfileMapper#check}); an invalid record is
 *       logged, counted ({@link #rejected()}) and ignored, so the previous version stays in force: a typo in a live
 *       update must not drop a carrier's flood protection, nor make two services apply different settings.</li>
 *   <li>The {@code default} profile always resolves: to the schema defaults until one is published; a tombstone for
 *       it is ignored.</li>
 *   <li>A tombstone of a <em>pinned</em> name is ignored too while a version is in force: the last valid version
 *       stays, the tombstone is logged at WARN and reported ({@link #tombstonedPinned()}) so health can say so.
 *       The gateway pins the profiles its listeners name; the topology and the notifier resolve only names a
 *       gateway put on an envelope, so they pin every name ({@link #pinningEveryName}) and never diverge from it.
 *       A tombstone of any other name deletes it, and the name then resolves to {@code default}.</li>
 * </ul>
 * Thread-safe: one thread feeds, any thread resolves.
 */
public final class ProfileCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileCatalog.class);

    private static final Profile BUILT_IN_DEFAULT =
            ProfileMapper.toProfile(MmsProfile.newBuilder().setName(Profile.DEFAULT_NAME).build());

    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();
    private final Set<String> tombstonedPinned = ConcurrentHashMap.newKeySet();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder tombstonesIgnored = new LongAdder();
    private final ProfileValidator validator;
    private final Predicate<String> pinned;

    /**
     * @param pinned the names whose tombstones are ignored while a version is in force; {@code default} is always
     *               pinned
     */
    public ProfileCatalog(ProfileValidator validator, Predicate<String> pinned) {
        this.validator = Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(pinned, "pinned");
        this.pinned = name -> Profile.DEFAULT_NAME.equals(name) || pinned.test(name);
    }

    /** For services that resolve whatever name an envelope carries: no profile in force is ever deleted. */
    public static ProfileCatalog pinningEveryName(ProfileValidator validator) {
        return new ProfileCatalog(validator, name -> true);
    }

    /** {@link #update(String, MmsProfile, ProfileContext)} without checking endpoint-list references. */
    public List<ValidationProblem> update(String key, MmsProfile value) {
        return update(key, value, ProfileContext.STANDALONE);
    }

    /**
     * Applies one record of the compacted topic.
     *
     * @param key   the record key (the profile name)
     * @param value the profile, or null for a tombstone
     * @return the problems that made the record be ignored; empty when it was applied
     */
    public List<ValidationProblem> update(String key, MmsProfile value, ProfileContext context) {
        if (key == null) {
            return reject("(no key)", List.of(new ValidationProblem("name", "a profile record needs a key")));
        }
        if (value == null) {
            return tombstone(key);
        }
        ProfileCheck check = ProfileMapper.check(value, context, validator);
        List<ValidationProblem> problems = check.problems();
        if (check.valid() && !value.getName().equals(key)) {
            problems = List.of(new ValidationProblem("name",
                    "\"" + value.getName() + "\" does not match the record key \"" + key + "\""));
        }
        if (!problems.isEmpty()) {
            return reject(key, problems);
        }
        profiles.put(key, check.profile().orElseThrow());
        tombstonedPinned.remove(key);
        LOG.info("profile {}: applied", key);
        return List.of();
    }

    private List<ValidationProblem> tombstone(String key) {
        if (pinned.test(key) && (profiles.containsKey(key) || Profile.DEFAULT_NAME.equals(key))) {
            tombstonesIgnored.increment();
            tombstonedPinned.add(key);
            String why = Profile.DEFAULT_NAME.equals(key) ? "the default profile cannot be deleted"
                    : "the profile is pinned (in use); the last valid version stays in force";
            LOG.warn("profile {}: tombstone ignored, {}", key, why);
            return List.of(new ValidationProblem("name", why));
        }
        profiles.remove(key);
        LOG.info("profile {}: deleted", key);
        return List.of();
    }

    private List<ValidationProblem> reject(String key, List<ValidationProblem> problems) {
        rejected.increment();
        LOG.warn("profile {}: invalid record ignored, {} stays in force: {}", key,
                profiles.containsKey(key) ? "the previous version" : "no version", problems);
        return problems;
    }

    /** The named profile; the {@code default} profile when the name is null, empty or unknown. */
    public Profile resolve(String name) {
        Profile p = name == null ? null : profiles.get(name);
        if (p != null) {
            return p;
        }
        return profiles.getOrDefault(Profile.DEFAULT_NAME, BUILT_IN_DEFAULT);
    }

    /**
     * The named profile when a version of it is in force; unlike {@link #resolve} an unknown name is not replaced by
     * {@code default}, so that a caller who names a profile learns that it does not exist.
     */
    public Optional<Profile> find(String name) {
        return names().contains(name) ? Optional.of(resolve(name)) : Optional.empty();
    }

    /** The names of the profiles in force, {@code default} included (it always resolves), sorted. */
    public SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>(profiles.keySet());
        names.add(Profile.DEFAULT_NAME);
        return names;
    }

    /** Pinned names whose last record was an ignored tombstone: their last valid version is still in force. */
    public Set<String> tombstonedPinned() {
        return Set.copyOf(tombstonedPinned);
    }

    /** Invalid records ignored since start. */
    public long rejected() {
        return rejected.sum();
    }

    /** Tombstones of pinned names ignored since start. */
    public long tombstonesIgnored() {
        return tombstonesIgnored.sum();
    }

    /**
     * Registers {@code mmsguard.profiles.rejected}, {@code mmsguard.profiles.tombstones.ignored} (counters) and
     * {@code mmsguard.profiles.pinned.tombstoned} (gauge: pinned profiles kept in force against a tombstone).
     */
    public ProfileCatalog bindTo(MeterRegistry registry) {
        FunctionCounter.builder("mmsguard.profiles.rejected", rejected, LongAdder::sum)
                .description("profile records ignored as invalid; the previous version stayed in force")
                .register(registry);
        FunctionCounter.builder("mmsguard.profiles.tombstones.ignored", tombstonesIgnored, LongAdder::sum)
                .description("tombstones of pinned profiles ignored").register(registry);
        Gauge.builder("mmsguard.profiles.pinned.tombstoned", tombstonedPinned, Set::size)
                .description("pinned profiles kept in force although their last record is a tombstone")
                .register(registry);
        return this;
    }
}
