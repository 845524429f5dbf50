package io.mmsguard.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mmsguard.avro.Audit;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import org.junit.jupiter.api.Test;

/** The RuleBook tells its listener the version of every record it read and whether it applied it. */
class RuleBookListenerTest {

    private record Read(String kind, String name, long version, boolean applied) {
    }

    @Test
    void everyRecordIsReportedWithItsAuditVersionAppliedOrRejectedAndTombstonesAreNot() {
        List<Read> reads = new ArrayList<>();
        RuleBook rules = new RuleBook(ProfileCatalog.pinningEveryName(ProfileValidator.standard()),
                content -> Optional.empty(),
                (kind, name, version, problems) -> reads.add(new Read(kind, name, version, problems.isEmpty())));
        MmsProfile good = MmsProfile.newBuilder().setName("p")
                .setAudit(Audit.newBuilder().setVersion(3).build()).build();
        MmsProfile bad = MmsProfile.newBuilder(good).setAudit(Audit.newBuilder().setVersion(4).build())
                .setMm1(InterfaceSettings.newBuilder().setFlood(List.of(Threshold.newBuilder().setEnabled(true)
                        .setLimit(0).build())).build()).build();

        rules.updateProfile("p", good);
        rules.updateProfile("p", bad);
        rules.updateProfile("p", null);
        rules.updateEndpointList("vip", EndpointList.newBuilder().setName("vip")
                .setAudit(Audit.newBuilder().setVersion(1).build()).build());

        assertThat(reads).containsExactly(new Read("profile", "p", 3, true), new Read("profile", "p", 4, false),
                new Read("endpoint-list", "vip", 1, true));
        assertThat(rules.profile("p").source().getAudit().getVersion()).as("version 3 stays in force").isEqualTo(3);
    }
}
