package io.mmsguard.inspection.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.endpoint.EndpointMatcher;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ScanProfileMapper;
import io.mmsguard.inspection.profile.ScannerRegistry;
import io.mmsguard.inspection.validation.ValidationProblem;
import io.mmsguard.inspection.scan.ContentScanPipeline;
import io.mmsguard.inspection.scan.RegexLimits;
import io.mmsguard.inspection.scan.ScanEnvironment;
import io.mmsguard.inspection.scan.VirusScanner;
import io.mmsguard.schemas.config.ConfigStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the stream threads look up per message: profiles and endpoint lists as last applied (by the global
 * processors that read the compacted topics), compiled into {@link ProfileRules} once per version.
 *
 * <p>A profile or list update replaces objects instead of mutating them; a cached compilation is reused only while
 * it was built from the very same {@link Profile} instance and endpoint-list generation, so a change takes effect on
 * the next message without locks on the hot path.
 */
public final class RuleBook {
    private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

    private final ProfileCatalog profiles;
    private final EndpointListCatalog endpointLists = new EndpointListCatalog();
    private final ScanEnvironment scanEnvironment;
    private final Map<String, ProfileRules> compiled = new ConcurrentHashMap<>();
    private final RulesListener listener;
    private final ScannerRegistry scanners;

    /**
     * @param profiles the profile library; every name is resolved from an envelope a gateway wrote, so the topology
     *                 pins every name ({@link ProfileCatalog#pinningEveryName}) and keeps in force what the gateway
     *                 keeps in force
     */
    public RuleBook(ProfileCatalog profiles, VirusScanner virusScanner) {
        this(profiles, virusScanner, RulesListener.NONE);
    }

    /** @param listener told of every record read, applied or rejected (not of tombstones) */
    public RuleBook(ProfileCatalog profiles, VirusScanner virusScanner, RulesListener listener) {
        this(profiles, virusScanner, listener, ScannerRegistry.standard());
    }

    /** @param scanners the content scanners each profile configures ({@link ScannerRegistry#none()}: a backtest's) */
    public RuleBook(ProfileCatalog profiles, VirusScanner virusScanner, RulesListener listener,
                    ScannerRegistry scanners) {
        this.scanners = Objects.requireNonNull(scanners, "scanners");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.scanEnvironment = new ScanEnvironment(Objects.requireNonNull(virusScanner, "virusScanner"));
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** What sizes each message's regex budget, shared by its endpoint entries and its content scans. */
    public RegexLimits regexLimits() {
        return scanEnvironment.regexLimits();
    }

    /**
     * Applies one mms.profiles record. References to endpoint lists are not checked here: the two topics are read
     * independently, so a profile may arrive before the list it names; a missing list is reported when used.
     */
    public List<ValidationProblem> updateProfile(String key, MmsProfile value) {
        List<ValidationProblem> problems = profiles.update(key, value);
        if (value != null && key != null) {
            listener.read(ConfigStatus.PROFILE, key, value.getAudit().getVersion(), problems);
        }
        return problems;
    }

    public List<ValidationProblem> updateEndpointList(String key, io.mmsguard.avro.EndpointList value) {
        List<ValidationProblem> problems = endpointLists.update(key, value);
        if (value != null && key != null) {
            listener.read(ConfigStatus.ENDPOINT_LIST, key, value.getAudit().getVersion(), problems);
        }
        return problems;
    }

    /** The rules of the named profile; {@code default} when the name is null, empty or unknown. */
    public ProfileRules rules(String profileName) {
        Profile profile = profiles.resolve(profileName);
        long generation = endpointLists.generation();
        ProfileRules cached = compiled.get(profile.name());
        if (cached != null && cached.profile() == profile && cached.endpointGeneration() == generation) {
            return cached;
        }
        ProfileRules fresh = compile(profile, generation);
        compiled.put(profile.name(), fresh);
        return fresh;
    }

    public Profile profile(String profileName) {
        return profiles.resolve(profileName);
    }

    /** The named profile when it is in force, without falling back to {@code default}. */
    public Optional<Profile> find(String profileName) {
        return profiles.find(profileName);
    }

    /** The names of the profiles in force, {@code default} included, sorted. */
    public SortedSet<String> profileNames() {
        return profiles.names();
    }

    private ProfileRules compile(Profile profile, long generation) {
        List<String> missing = new ArrayList<>();
        EndpointMatcher matcher = new EndpointMatcher(endpointLists.resolve(profile.endpointLists(), missing));
        if (!missing.isEmpty()) {
            LOG.warn("profile {}: endpoint lists {} do not exist; matching without them", profile.name(), missing);
        }
        // A profile in the catalog passed ProfileValidator.standard(), which includes the standard scanners' rules.
        ScanProfileMapper.Mapped<ContentScanPipeline> scans =
                ScanProfileMapper.pipeline(profile.source(), scanners, scanEnvironment);
        if (!scans.valid()) {
            throw new IllegalStateException("profile " + profile.name() + " passed validation but its scanners do not: "
                    + scans.problems());
        }
        return new ProfileRules(profile, matcher, scans.value(), missing, generation);
    }
}
