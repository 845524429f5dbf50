package io.mmsguard.inspection.profile;

import static io.mmsguard.inspection.profile.Profiles.on;
import static io.mmsguard.inspection.profile.Profiles.threshold;
import static io.mmsguard.inspection.profile.Profiles.withFlood;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one profile library: what every service (topology, gateway, notifier) resolves. */
class ProfileCatalogTest {

    private final ProfileCatalog catalog = new ProfileCatalog(ProfileValidator.standard(), Set.of("gold")::contains);

    private static MmsProfile named(String name, int limit) {
        return MmsProfile.newBuilder().setName(name)
                .setMm1(withFlood(threshold(true, 60, limit, 0, io.mmsguard.avro.ThresholdAction.LOG))).build();
    }

    private static MmsProfile failOpen(String name, boolean failOpen, int limit) {
        return MmsProfile.newBuilder().setName(name).setMm1(InterfaceSettings.newBuilder().setFailOpen(failOpen)
                .setFlood(java.util.List.of(threshold(true, 60, limit, 0, io.mmsguard.avro.ThresholdAction.LOG)))
                .build()).build();
    }

    @Test
    void theDefaultResolvesBeforeAnyRecord() {
        Profile p = catalog.resolve("nope");
        assertThat(p.name()).isEqualTo("default");
        assertThat(p.policy(MmsInterface.MM1).flood()).isEmpty();
        assertThat(p.settings(MmsInterface.MM1).getFailOpen()).isFalse();
        assertThat(catalog.resolve(null).name()).isEqualTo("default");
    }

    @Test
    void anInvalidUpdateKeepsThePreviousVersionAndIsCounted() {
        assertThat(catalog.update("gold", named("gold", 10), ProfileContext.STANDALONE)).isEmpty();
        assertThat(catalog.update("gold", named("gold", 0), ProfileContext.STANDALONE))
                .extracting(ValidationProblem::toString)
                .containsExactly("mm1.flood[0].limit: 0 must be greater than 0");
        assertThat(catalog.resolve("gold").policy(MmsInterface.MM1).flood().get(0).limit()).isEqualTo(10);
        assertThat(catalog.rejected()).isEqualTo(1);
    }

    @Test
    void anInvalidUpdateKeepsThePreviousFailOpenSetting() {
        catalog.update("silver", failOpen("silver", true, 10));
        catalog.update("silver", failOpen("silver", false, 0));
        assertThat(catalog.resolve("silver").settings(MmsInterface.MM1).getFailOpen()).isTrue();
        assertThat(catalog.resolve("silver").policy(MmsInterface.MM1).failOpen()).isTrue();
    }

    @Test
    void anInvalidFirstVersionResolvesToTheDefault() {
        catalog.update("default", failOpen("default", true, 5));
        assertThat(catalog.update("bronze", failOpen("bronze", false, 0))).hasSize(1);
        assertThat(catalog.resolve("bronze").name()).isEqualTo("default");
        assertThat(catalog.resolve("bronze").settings(MmsInterface.MM1).getFailOpen()).isTrue();
    }

    @Test
    void aRecordWhoseNameDiffersFromItsKeyIsIgnored() {
        assertThat(catalog.update("gold", named("silver", 10), ProfileContext.STANDALONE))
                .extracting(ValidationProblem::toString)
                .containsExactly("name: \"silver\" does not match the record key \"gold\"");
        assertThat(catalog.resolve("gold").name()).isEqualTo("default");
        assertThat(catalog.rejected()).isEqualTo(1);
    }

    @Test
    void aRecordWithoutAKeyIsIgnored() {
        assertThat(catalog.update(null, named("gold", 10))).extracting(ValidationProblem::toString)
                .containsExactly("name: a profile record needs a key");
        assertThat(catalog.resolve("gold").name()).isEqualTo("default");
    }

    @Test
    void unknownEndpointListsRejectTheRecordWhenTheListsAreKnown() {
        MmsProfile p = MmsProfile.newBuilder().setName("gold").setEndpointLists(java.util.List.of("vip")).build();
        assertThat(catalog.update("gold", p, ProfileContext.withEndpointLists(Set.of()))).hasSize(1);
        assertThat(catalog.update("gold", p, ProfileContext.withEndpointLists(Set.of("vip")))).isEmpty();
    }

    @Test
    void aTombstoneDeletesAnUnpinnedProfile() {
        catalog.update("silver", MmsProfile.newBuilder().setName("silver").setMm1(withFlood(on())).build());
        assertThat(catalog.update("silver", null)).isEmpty();
        assertThat(catalog.resolve("silver").name()).isEqualTo("default");
        assertThat(catalog.tombstonedPinned()).isEmpty();
        assertThat(catalog.tombstonesIgnored()).isZero();
    }

    @Test
    void theDefaultIsNeverDeleted() {
        catalog.update("default", named("default", 7), ProfileContext.STANDALONE);
        assertThat(catalog.update("default", null, ProfileContext.STANDALONE)).extracting(ValidationProblem::toString)
                .containsExactly("name: the default profile cannot be deleted");
        assertThat(catalog.resolve("default").policy(MmsInterface.MM1).flood().get(0).limit()).isEqualTo(7);
        assertThat(catalog.tombstonedPinned()).containsExactly("default");
    }

    @Test
    void aTombstoneOfAPinnedProfileKeepsTheLastValidVersionAndIsReported() {
        catalog.update("gold", named("gold", 10));
        catalog.update("gold", named("gold", 0));
        assertThat(catalog.update("gold", null)).extracting(ValidationProblem::toString).containsExactly(
                "name: the profile is pinned (in use); the last valid version stays in force");
        assertThat(catalog.resolve("gold").policy(MmsInterface.MM1).flood().get(0).limit()).isEqualTo(10);
        assertThat(catalog.tombstonedPinned()).containsExactly("gold");
        assertThat(catalog.tombstonesIgnored()).isEqualTo(1);

        assertThat(catalog.update("gold", named("gold", 12))).isEmpty();
        assertThat(catalog.tombstonedPinned()).as("republished: in force again by its own record").isEmpty();
    }

    @Test
    void aTombstoneOfAPinnedNameWithoutAVersionChangesNothing() {
        assertThat(catalog.update("gold", null)).isEmpty();
        assertThat(catalog.tombstonedPinned()).isEmpty();
        assertThat(catalog.resolve("gold").name()).isEqualTo("default");
    }

    @Test
    void pinningEveryNameKeepsEveryProfileInForce() {
        ProfileCatalog all = ProfileCatalog.pinningEveryName(ProfileValidator.standard());
        all.update("any", named("any", 3));
        assertThat(all.update("any", null)).hasSize(1);
        assertThat(all.resolve("any").name()).isEqualTo("any");
        assertThat(all.tombstonedPinned()).containsExactly("any");
    }

    @Test
    void replayingTheSameRecordsRebuildsTheSameState() {
        ProfileCatalog restarted = new ProfileCatalog(ProfileValidator.standard(), Set.of("gold")::contains);
        for (ProfileCatalog c : java.util.List.of(catalog, restarted)) {
            c.update("gold", named("gold", 10));
            c.update("gold", named("gold", 0));
            c.update("silver", named("silver", 4));
            c.update("silver", null);
            c.update("gold", null);
        }
        for (String name : java.util.List.of("gold", "silver", "default")) {
            assertThat(restarted.resolve(name).source()).isEqualTo(catalog.resolve(name).source());
        }
        assertThat(restarted.tombstonedPinned()).isEqualTo(catalog.tombstonedPinned());
    }

    @Test
    void theMetricsCountRejectedRecordsAndIgnoredTombstones() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        catalog.bindTo(registry);
        catalog.update("gold", named("gold", 10));
        catalog.update("gold", named("gold", 0));
        catalog.update("gold", null);
        assertThat(registry.get("mmsguard.profiles.rejected").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("mmsguard.profiles.tombstones.ignored").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("mmsguard.profiles.pinned.tombstoned").gauge().value()).isEqualTo(1);
    }
}
