package io.mmsguard.inspection.profile;

import static io.mmsguard.inspection.profile.Profiles.mm1;
import static io.mmsguard.inspection.profile.Profiles.off;
import static io.mmsguard.inspection.profile.Profiles.on;
import static io.mmsguard.inspection.profile.Profiles.profile;
import static io.mmsguard.inspection.profile.Profiles.threshold;
import static io.mmsguard.inspection.profile.Profiles.withDuplicate;
import static io.mmsguard.inspection.profile.Profiles.withFlood;
import static io.mmsguard.avro.ThresholdAction.BLOCK;
import static io.mmsguard.avro.ThresholdAction.LOG;
import static io.mmsguard.avro.ThresholdAction.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotifMsisdn;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.ThresholdRef;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileValidatorTest {

    private static List<String> problems(MmsProfile p) {
        return problems(p, ProfileContext.STANDALONE);
    }

    private static List<String> problems(MmsProfile p, ProfileContext context) {
        return ProfileValidator.standard().validate(p, context).stream().map(ValidationProblem::toString).toList();
    }

    @Test
    void theSchemaDefaultsAreValid() {
        assertThat(problems(MmsProfile.newBuilder().setName("default").build())).isEmpty();
    }

    @Test
    void threeValidThresholdsOnMm1AndMm4AreValid() {
        MmsProfile p = profile().setMm1(withFlood(on(), on(), on()))
                .setMm4(InterfaceSettings.newBuilder().setFlood(List.of(on())).setDuplicate(List.of(on(), off()))
                        .build())
                .build();
        assertThat(problems(p)).isEmpty();
    }

    @Test
    void nameMustNotBeEmpty() {
        assertThat(problems(profile().setName("").build())).containsExactly("name: must not be empty");
        assertThat(problems(profile().setName("  ").build())).containsExactly("name: must not be empty");
        assertThat(problems(profile().setName("x").build())).isEmpty();
    }

    @Test
    void windowMustBeWithin1To2880() {
        assertThat(problems(mm1(withFlood(on(), threshold(true, 0, 10, 0, LOG)))))
                .containsExactly("mm1.flood[1].windowMinutes: 0 is outside 1-2880");
        assertThat(problems(mm1(withFlood(threshold(true, 2881, 10, 0, LOG)))))
                .containsExactly("mm1.flood[0].windowMinutes: 2881 is outside 1-2880");
        assertThat(problems(mm1(withFlood(threshold(true, 1, 10, 0, LOG), threshold(true, 2880, 10, 0, LOG)))))
                .isEmpty();
    }

    @Test
    void limitMustBePositive() {
        assertThat(problems(mm1(withDuplicate(threshold(true, 60, 0, 0, LOG)))))
                .containsExactly("mm1.duplicate[0].limit: 0 must be greater than 0");
        assertThat(problems(mm1(withDuplicate(threshold(true, 60, -5, 0, LOG)))))
                .containsExactly("mm1.duplicate[0].limit: -5 must be greater than 0");
        assertThat(problems(mm1(withDuplicate(threshold(true, 60, 1, 0, LOG))))).isEmpty();
    }

    @Test
    void blockTimeMustBeWithin0To35791() {
        assertThat(problems(mm1(withFlood(threshold(true, 60, 10, -1, BLOCK)))))
                .containsExactly("mm1.flood[0].blockTimeMinutes: -1 is outside 0-35791");
        assertThat(problems(mm1(withFlood(threshold(true, 60, 10, 35792, BLOCK)))))
                .containsExactly("mm1.flood[0].blockTimeMinutes: 35792 is outside 0-35791");
        assertThat(problems(mm1(withFlood(threshold(true, 60, 10, 0, BLOCK), threshold(true, 60, 20, 35791, BLOCK)))))
                .isEmpty();
    }

    @Test
    void disabledThresholdsAreRangeCheckedToo() {
        assertThat(problems(mm1(withFlood(threshold(false, 0, 10, 0, LOG)))))
                .containsExactly("mm1.flood[0].windowMinutes: 0 is outside 1-2880");
    }

    @Test
    void atMostThreeThresholds() {
        assertThat(problems(mm1(withFlood(on(), on(), on(), on()))))
                .containsExactly("mm1.flood: at most 3 thresholds, got 4");
    }

    @Test
    void thresholdsAreEnabledInOrder() {
        assertThat(problems(mm1(withFlood(off(), on()))))
                .containsExactly("mm1.flood[1].enabled: threshold 2 is enabled but threshold 1 is not;"
                        + " thresholds are enabled in order");
        assertThat(problems(mm1(withDuplicate(on(), off(), on()))))
                .containsExactly("mm1.duplicate[2].enabled: threshold 3 is enabled but threshold 2 is not;"
                        + " thresholds are enabled in order");
        assertThat(problems(mm1(withFlood(on(), on(), off())))).isEmpty();
        assertThat(problems(mm1(withFlood(off(), off(), off())))).isEmpty();
    }

    @Test
    void thresholdsApplyToMm1AndMm4Only() {
        assertThat(problems(profile().setMm3(withFlood(on())).build()))
                .containsExactly("mm3.flood: flood thresholds apply to MM1 and MM4 only");
        assertThat(problems(profile().setMm7(withDuplicate(off())).build()))
                .containsExactly("mm7.duplicate: duplicate thresholds apply to MM1 and MM4 only");
        assertThat(problems(profile().setMm4(withDuplicate(on())).build())).isEmpty();
    }

    @Test
    void actionsMustBeKnownOnceEachAndPresentWhenEnabled() {
        assertThat(problems(mm1(withFlood(threshold(true, 60, 10, 0, LOG, UNKNOWN)))))
                .containsExactly("mm1.flood[0].actions[1]: UNKNOWN is not a known action");
        assertThat(problems(mm1(withFlood(threshold(true, 60, 10, 0, BLOCK, LOG, BLOCK)))))
                .containsExactly("mm1.flood[0].actions[2]: BLOCK is listed twice");
        assertThat(problems(mm1(withFlood(threshold(true, 60, 10, 0)))))
                .containsExactly("mm1.flood[0].actions: an enabled threshold needs at least one action");
        assertThat(problems(mm1(withFlood(threshold(false, 60, 10, 0))))).isEmpty();
    }

    @Test
    void retrieveDuplicateIsMm1Only() {
        InterfaceSettings retr = InterfaceSettings.newBuilder().setRetrieveDuplicate(true).build();
        assertThat(problems(profile().setMm4(retr).build()))
                .containsExactly("mm4.retrieveDuplicate: applies to MM1 only");
        assertThat(problems(profile().setMm1(retr).build())).isEmpty();
    }

    @Test
    void archiveModeMustBeKnown() {
        InterfaceSettings unknown = InterfaceSettings.newBuilder().setArchive(ArchiveMode.UNKNOWN).build();
        assertThat(problems(profile().setMm7(unknown).build()))
                .containsExactly("mm7.archive: UNKNOWN is not a known archive mode");
        InterfaceSettings full = InterfaceSettings.newBuilder().setArchive(ArchiveMode.FULL).build();
        assertThat(problems(profile().setMm7(full).build())).isEmpty();
    }

    @Test
    void endpointListsMustExistWhenTheKnownListsAreGiven() {
        MmsProfile p = profile().setEndpointLists(List.of("vip", "spammers")).build();
        assertThat(problems(p, ProfileContext.withEndpointLists(Set.of("vip"))))
                .containsExactly("endpointLists[1]: \"spammers\" is not a known endpoint list");
        assertThat(problems(p, ProfileContext.withEndpointLists(Set.of("vip", "spammers")))).isEmpty();
        assertThat(problems(p)).isEmpty();
        assertThat(problems(p, ProfileContext.ofEndpointLists(List.of(
                EndpointList.newBuilder().setName("vip").build(),
                EndpointList.newBuilder().setName("spammers").setEnabled(false).build())))).isEmpty();
    }

    @Test
    void endpointListNamesAreNonEmptyAndListedOnce() {
        MmsProfile p = profile().setEndpointLists(List.of("vip", "", "vip")).build();
        assertThat(problems(p)).containsExactly(
                "endpointLists[1]: must not be empty",
                "endpointLists[2]: \"vip\" is listed twice");
    }

    @Test
    void administratorSubscriptionsNameRealThresholds() {
        MmsProfile bad = profile().setNotifMsisdn(List.of(NotifMsisdn.newBuilder().setMsisdn("+100")
                .setThresholds(List.of(
                        ThresholdRef.newBuilder().setKind(ThresholdKind.FLOOD).setIndex(3).build(),
                        ThresholdRef.newBuilder().setKind(ThresholdKind.UNKNOWN).setIndex(4)
                                .setMmsInterface(MmsInterface.MM3).build()))
                .build())).build();
        assertThat(problems(bad)).containsExactly(
                "notifMsisdn[0].thresholds[1].kind: UNKNOWN is not FLOOD or DUPLICATE",
                "notifMsisdn[0].thresholds[1].index: 4 is outside 1-3",
                "notifMsisdn[0].thresholds[1].mmsInterface: MM3 has no thresholds (MM1 and MM4 only)");
        MmsProfile good = profile().setNotifMsisdn(List.of(NotifMsisdn.newBuilder().setMsisdn("+100")
                .setThresholds(List.of(ThresholdRef.newBuilder().setKind(ThresholdKind.DUPLICATE).setIndex(1)
                        .setMmsInterface(MmsInterface.MM4).build()))
                .build())).build();
        assertThat(problems(good)).isEmpty();
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        MmsProfile p = profile().setName("")
                .setMm1(withFlood(threshold(true, 0, 0, 40000, LOG)))
                .setMm3(withDuplicate(on()))
                .build();
        assertThat(problems(p)).containsExactly(
                "name: must not be empty",
                "mm1.flood[0].windowMinutes: 0 is outside 1-2880",
                "mm1.flood[0].limit: 0 must be greater than 0",
                "mm1.flood[0].blockTimeMinutes: 40000 is outside 0-35791",
                "mm3.duplicate: duplicate thresholds apply to MM1 and MM4 only");
    }

    @Test
    void extraRulesRunAfterTheStandardOnes() {
        ProfileValidator v = ProfileValidator.standard().with((p, c, out) -> {
            if (p.getComment() != null && p.getComment().length() > 5) {
                out.add(new ValidationProblem("comment", p.getComment().length() + " characters is too long"));
            }
        });
        MmsProfile p = profile().setName("").setComment("far too long").build();
        assertThat(v.validate(p, ProfileContext.STANDALONE)).extracting(ValidationProblem::toString)
                .containsExactly("name: must not be empty", "comment: 12 characters is too long");
        assertThat(ProfileValidator.standard().validate(p, ProfileContext.STANDALONE)).hasSize(1);
    }
}
