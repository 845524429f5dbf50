package io.mmsguard.inspection.profile;

import static io.mmsguard.inspection.profile.Profiles.on;
import static io.mmsguard.inspection.profile.Profiles.threshold;
import static io.mmsguard.inspection.profile.Profiles.withFlood;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileCatalogTest {

    private final ProfileCatalog catalog = new ProfileCatalog(ProfileValidator.standard());

    private static MmsProfile named(String name, int limit) {
        return MmsProfile.newBuilder().setName(name)
                .setMm1(withFlood(threshold(true, 60, limit, 0, io.mmsguard.avro.ThresholdAction.LOG))).build();
    }

    @Test
    void theDefaultResolvesBeforeAnyRecord() {
        Profile p = catalog.resolve("nope");
        assertThat(p.name()).isEqualTo("default");
        assertThat(p.policy(MmsInterface.MM1).flood()).isEmpty();
        assertThat(catalog.resolve(null).name()).isEqualTo("default");
    }

    @Test
    void anInvalidUpdateKeepsThePreviousVersion() {
        assertThat(catalog.update("gold", named("gold", 10), ProfileContext.STANDALONE)).isEmpty();
        assertThat(catalog.update("gold", named("gold", 0), ProfileContext.STANDALONE))
                .extracting(ValidationProblem::toString)
                .containsExactly("mm1.flood[0].limit: 0 must be greater than 0");
        assertThat(catalog.resolve("gold").policy(MmsInterface.MM1).flood().get(0).limit()).isEqualTo(10);
    }

    @Test
    void aRecordWhoseNameDiffersFromItsKeyIsIgnored() {
        assertThat(catalog.update("gold", named("silver", 10), ProfileContext.STANDALONE))
                .extracting(ValidationProblem::toString)
                .containsExactly("name: \"silver\" does not match the record key \"gold\"");
        assertThat(catalog.resolve("gold").name()).isEqualTo("default");
    }

    @Test
    void unknownEndpointListsRejectTheRecordWhenTheListsAreKnown() {
        MmsProfile p = MmsProfile.newBuilder().setName("gold").setEndpointLists(java.util.List.of("vip")).build();
        assertThat(catalog.update("gold", p, ProfileContext.withEndpointLists(Set.of()))).hasSize(1);
        assertThat(catalog.update("gold", p, ProfileContext.withEndpointLists(Set.of("vip")))).isEmpty();
    }

    @Test
    void aTombstoneDeletesButNeverTheDefault() {
        catalog.update("default", named("default", 7), ProfileContext.STANDALONE);
        catalog.update("gold", MmsProfile.newBuilder().setName("gold").setMm1(withFlood(on())).build(),
                ProfileContext.STANDALONE);
        assertThat(catalog.update("gold", null, ProfileContext.STANDALONE)).isEmpty();
        assertThat(catalog.resolve("gold").name()).isEqualTo("default");
        assertThat(catalog.update("default", null, ProfileContext.STANDALONE)).hasSize(1);
        assertThat(catalog.resolve("default").policy(MmsInterface.MM1).flood().get(0).limit()).isEqualTo(7);
    }
}
