package io.mmsguard.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.schemas.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The gateway's view of mms.profiles: what it needs before the topology answers (fail-open, client comfort, where
 * the sender's MSISDN comes from). The profiles come from the one {@link ProfileCatalog} every service uses, with
 * the same validation, so after an invalid update the gateway applies the same {@code failOpen} as the topology; the
 * profiles the listeners name are pinned (a tombstone of one is ignored). A {@link ProfileFollower} feeds it.
 */
public final class ProfileView implements AutoCloseable {
    /** How long the follower may go without contact with the topic before readiness turns red. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private final ProfileCatalog catalog;
    private final Optional<ProfileFollower> follower;

    private ProfileView(ProfileCatalog catalog, Optional<ProfileFollower> follower) {
        this.catalog = catalog;
        this.follower = follower;
    }

    /**
     * Follows {@code topic} with a consumer of {@code kafka} (no group, nothing committed).
     *
     * @param pinned the profiles the listeners name
     */
    public static ProfileView follow(Map<String, String> kafka, Topic<String, MmsProfile> topic, Set<String> pinned,
                                     MeterRegistry registry) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // config apply writes in transactions; a fenced (aborted) apply must never reach a listener.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return follow(() -> new KafkaConsumer<>(p, topic.keySerde().deserializer(), topic.valueSerde().deserializer()),
                topic.name(), pinned, Clock.systemUTC(), STALE_AFTER, registry);
    }

    /** As {@link #follow(Map, Topic, Set, MeterRegistry)}, with the consumer and the clock chosen by tests. */
    static ProfileView follow(java.util.function.Supplier<Consumer<String, MmsProfile>> consumers, String topic,
                              Set<String> pinned, Clock clock, Duration staleAfter, MeterRegistry registry) {
        ProfileCatalog catalog = new ProfileCatalog(ProfileValidator.standard(), Set.copyOf(pinned)::contains)
                .bindTo(registry);
        return new ProfileView(catalog,
                Optional.of(new ProfileFollower(consumers, topic, catalog, clock, staleAfter, registry)));
    }

    /** For tests and tools: a fixed set of profiles, validated as records of the topic would be; no Kafka. */
    public static ProfileView fixed(Map<String, MmsProfile> profiles) {
        ProfileCatalog catalog = ProfileCatalog.pinningEveryName(ProfileValidator.standard())
                .bindTo(new SimpleMeterRegistry());
        profiles.forEach((name, profile) -> {
            if (!catalog.update(name, profile).isEmpty()) {
                throw new IllegalArgumentException("profile " + name + " is invalid");
            }
        });
        return new ProfileView(catalog, Optional.empty());
    }

    public void start() {
        follower.ifPresent(ProfileFollower::start);
    }

    /** Waits until the view has read the topic up to where it ended at start. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return follower.isEmpty() || follower.get().awaitCaughtUp(timeout);
    }

    /** The named profile as published; {@code default} when the name is unknown (see {@link ProfileCatalog}). */
    public MmsProfile profile(String name) {
        return catalog.resolve(name).source();
    }

    public InterfaceSettings settings(String profile, MmsInterface mmsInterface) {
        return catalog.resolve(profile).settings(mmsInterface);
    }

    /** For readiness: false when the follower has stopped following the topic. */
    public boolean following() {
        return follower.map(ProfileFollower::following).orElse(true);
    }

    /** Pinned profiles kept in force against a tombstone: the gateway is degraded while this is not empty. */
    public Set<String> tombstonedPinned() {
        return catalog.tombstonedPinned();
    }

    @Override
    public void close() {
        follower.ifPresent(ProfileFollower::close);
    }
}
