package io.mmsguard.inspection.profile;

import static io.mmsguard.inspection.profile.Profiles.off;
import static io.mmsguard.inspection.profile.Profiles.on;
import static io.mmsguard.inspection.profile.Profiles.profile;
import static io.mmsguard.inspection.profile.Profiles.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.DuplicateOptions;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdAction;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileMapperTest {

    @Test
    void mapsThresholdsFlagsAndOptions() {
        MmsProfile avro = profile()
                .setMm1(InterfaceSettings.newBuilder()
                        .setFlood(List.of(threshold(true, 30, 45, 0, io.mmsguard.avro.ThresholdAction.LOG),
                                threshold(true, 30, 100, 15, io.mmsguard.avro.ThresholdAction.LOG,
                                        io.mmsguard.avro.ThresholdAction.ARCHIVE_FIRST,
                                        io.mmsguard.avro.ThresholdAction.BLOCK)))
                        .setFailOpen(true).setMonitorOnly(true).setArchive(ArchiveMode.SUMMARY).build())
                .setMm4(InterfaceSettings.newBuilder().setDuplicate(List.of(on(), off())).build())
                .setEndpointLists(List.of("vip"))
                .setDuplicateOptions(DuplicateOptions.newBuilder().setIncludeSubject(true).build())
                .build();

        ProfileCheck check = ProfileMapper.check(avro, ProfileContext.STANDALONE);
        assertThat(check.problems()).isEmpty();
        Profile p = check.profile().orElseThrow();
        assertThat(p.name()).isEqualTo("p");
        assertThat(p.checksumSubject()).isTrue();
        assertThat(p.endpointLists()).containsExactly("vip");
        assertThat(p.source()).isSameAs(avro);
        InterfacePolicy mm1 = p.policy(MmsInterface.MM1);
        assertThat(mm1.failOpen()).isTrue();
        assertThat(mm1.monitorOnly()).isTrue();
        assertThat(mm1.archive()).isEqualTo(ArchiveMode.SUMMARY);
        assertThat(mm1.flood()).containsExactly(
                new Threshold(true, 30, 45, Set.of(ThresholdAction.LOG), 0),
                new Threshold(true, 30, 100,
                        Set.of(ThresholdAction.LOG, ThresholdAction.ARCHIVE_FIRST, ThresholdAction.BLOCK), 15));
        assertThat(p.policy(MmsInterface.MM4).duplicate()).extracting(Threshold::enabled).containsExactly(true, false);
        assertThat(p.policy(MmsInterface.MM3).flood()).isEmpty();
        assertThat(p.policy(MmsInterface.MM7).archive()).isEqualTo(ArchiveMode.NONE);
    }

    @Test
    void anInvalidRecordGivesProblemsAndNoProfile() {
        MmsProfile avro = profile().setName("").build();
        ProfileCheck check = ProfileMapper.check(avro, ProfileContext.STANDALONE);
        assertThat(check.valid()).isFalse();
        assertThat(check.profile()).isEmpty();
        assertThat(check.problems()).extracting(ValidationProblem::path).containsExactly("name");
    }

    @Test
    void floodAppliesToSendsOnly() {
        InterfacePolicy mm1 = policy(MmsInterface.MM1, false);
        assertThat(mm1.floodThresholds(Direction.SEND)).hasSize(1);
        assertThat(mm1.floodThresholds(Direction.RETRIEVE)).isEmpty();
        assertThat(mm1.floodThresholds(Direction.DELIVER)).isEmpty();
    }

    @Test
    void duplicateCountsMm1RetrievalsOnlyWhenEnabled() {
        assertThat(policy(MmsInterface.MM1, false).duplicateThresholds(Direction.RETRIEVE)).isEmpty();
        assertThat(policy(MmsInterface.MM1, true).duplicateThresholds(Direction.RETRIEVE)).hasSize(1);
        assertThat(policy(MmsInterface.MM1, false).duplicateThresholds(Direction.SEND)).hasSize(1);
        assertThat(policy(MmsInterface.MM4, true).duplicateThresholds(Direction.RETRIEVE)).isEmpty();
        assertThat(policy(MmsInterface.MM4, false).duplicateThresholds(Direction.SEND)).hasSize(1);
    }

    @Test
    void similarThresholdsAreMappedAndApplyToSendsOnly() {
        MmsProfile avro = profile().setMm4(InterfaceSettings.newBuilder().setSimilar(List.of(off(), off())).build())
                .build();
        InterfacePolicy mm4 = ProfileMapper.check(avro, ProfileContext.STANDALONE).profile().orElseThrow()
                .policy(MmsInterface.MM4);
        assertThat(mm4.similarThresholds(Direction.SEND)).hasSize(2);
        assertThat(mm4.similarThresholds(Direction.RETRIEVE)).isEmpty();
        assertThat(mm4.similarThresholds(Direction.DELIVER)).isEmpty();
    }

    @Test
    void anEnabledSimilarThresholdIsAcceptedWithItsSettings() {
        MmsProfile avro = profile().setMm4(InterfaceSettings.newBuilder().setSimilar(List.of(on())).build()).build();
        ProfileCheck check = ProfileMapper.check(avro, ProfileContext.STANDALONE);
        assertThat(check.problems()).isEmpty();
        Threshold mapped = check.profile().orElseThrow().policy(MmsInterface.MM4).similarThresholds(Direction.SEND)
                .get(0);
        io.mmsguard.avro.Threshold given = on();
        assertThat(mapped.enabled()).isTrue();
        assertThat(mapped.windowMinutes()).isEqualTo(given.getWindowMinutes());
        assertThat(mapped.limit()).isEqualTo(given.getLimit());
    }

    private static InterfacePolicy policy(MmsInterface mmsInterface, boolean retrieveDuplicate) {
        Threshold t = Threshold.of(60, 10, 0, ThresholdAction.LOG);
        return new InterfacePolicy(mmsInterface, false, false, ArchiveMode.NONE, List.of(t), List.of(t),
                retrieveDuplicate);
    }
}
