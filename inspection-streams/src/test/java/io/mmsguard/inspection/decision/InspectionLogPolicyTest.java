package io.mmsguard.inspection.decision;

import static io.mmsguard.inspection.decision.Inspections.DECIDED;
import static io.mmsguard.inspection.decision.Inspections.clean;
import static io.mmsguard.inspection.decision.Inspections.content;
import static io.mmsguard.inspection.decision.Inspections.endpoint;
import static io.mmsguard.inspection.decision.Inspections.envelope;
import static io.mmsguard.inspection.decision.Inspections.hit;
import static io.mmsguard.inspection.decision.Inspections.inspection;
import static io.mmsguard.inspection.decision.Inspections.noEndpoint;
import static io.mmsguard.inspection.decision.Inspections.outcome;
import static io.mmsguard.inspection.decision.Inspections.profile;
import static io.mmsguard.inspection.decision.Inspections.virus;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.LoggingSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.endpoint.EndpointAction;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ContentVerdict;
import io.mmsguard.inspection.scan.Reason;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.ScanResult;
import io.mmsguard.inspection.scan.Scanner;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.ThresholdAction;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectionLogPolicyTest {

    private static final LoggingSettings ALL_ON = LoggingSettings.newBuilder().build();

    private static boolean wanted(LoggingSettings logging, ContentScanResult content, Outcome flood) {
        MmsProfile p = profile().setLogging(logging).build();
        Inspection in = inspection(envelope().build(), p, noEndpoint(), content, flood, null);
        return InspectionLogPolicy.wanted(in, DecisionFactory.decide(in, DECIDED));
    }

    @Test
    void everythingIsLoggedByDefault() {
        assertThat(wanted(ALL_ON, clean(), null)).isTrue();
        assertThat(wanted(ALL_ON, virus(ContentVerdict.BLOCK, List.of()), null)).isTrue();
    }

    @Test
    void cleanMessagesFollowTheCleanSwitch() {
        assertThat(wanted(LoggingSettings.newBuilder().setClean(false).build(), clean(), null)).isFalse();
        assertThat(wanted(LoggingSettings.newBuilder().setClean(false).build(),
                virus(ContentVerdict.BLOCK, List.of()), null)).isTrue();
    }

    @Test
    void findingsOfPassingMessagesFollowTheirOwnSwitch() {
        ContentScanResult monitoredVirus = content(ContentVerdict.PASS, Reason.NONE, "monitor only", List.of(),
                new ScanResult(Scanner.ANTIVIRUS, ScanOutcome.MATCH, "Eicar-Test-Signature", 1));

        assertThat(wanted(LoggingSettings.newBuilder().setVirus(false).build(), monitoredVirus, null)).isFalse();
        assertThat(wanted(ALL_ON, monitoredVirus, null)).isTrue();
        assertThat(wanted(LoggingSettings.newBuilder().setFlood(false).build(), clean(),
                outcome(hit(1, 101, ThresholdAction.LOG, ThresholdAction.ALERT_ADMIN)))).isFalse();
    }

    @Test
    void thresholdHitsThatDoNotBlockAreLoggedOnlyWithTheLogAction() {
        assertThat(wanted(ALL_ON, clean(), outcome(hit(1, 101, ThresholdAction.ALERT_ADMIN)))).isFalse();
        assertThat(wanted(ALL_ON, clean(), outcome(hit(1, 101, ThresholdAction.LOG)))).isTrue();
    }

    @Test
    void endpointMatchesThatDoNotBlockNeedTheEntrysLogFlagAndTheSwitch() {
        MmsProfile off = profile().setLogging(LoggingSettings.newBuilder().setEndpointFilter(false).build()).build();
        Inspection on = inspection(envelope().build(), profile().build(), endpoint(EndpointAction.EXEMPT, false),
                clean(), null, null);
        Inspection switchedOff = inspection(envelope().build(), off, endpoint(EndpointAction.EXEMPT, false), clean(),
                null, null);

        assertThat(InspectionLogPolicy.wanted(on, DecisionFactory.decide(on, DECIDED))).isTrue();
        assertThat(InspectionLogPolicy.wanted(switchedOff, DecisionFactory.decide(switchedOff, DECIDED))).isFalse();
    }

    @Test
    void everyBlockOrStripIsLoggedWhateverTheSwitches() {
        LoggingSettings nothing = LoggingSettings.newBuilder().setEndpointFilter(false).setFlood(false)
                .setDuplicate(false).setNotification(false).setChecksum(false).setVirus(false).setFileFilter(false)
                .setOversize(false).setBannedWords(false).setClean(false).build();

        assertThat(wanted(nothing, virus(ContentVerdict.BLOCK, List.of()), null)).isTrue();
        assertThat(wanted(nothing, virus(ContentVerdict.STRIP, List.of(1)), null)).isTrue();
        assertThat(wanted(nothing, clean(), outcome(hit(1, 101, ThresholdAction.BLOCK)))).isTrue();
    }

    @Test
    void unscannedAndFailedMessagesAreAlwaysLogged() {
        LoggingSettings nothing = LoggingSettings.newBuilder().setEndpointFilter(false).setFlood(false)
                .setDuplicate(false).setNotification(false).setChecksum(false).setVirus(false).setFileFilter(false)
                .setOversize(false).setBannedWords(false).setClean(false).build();
        ContentScanResult failed = content(ContentVerdict.SCAN_FAILED, Reason.SCANNER_FAILURE, "ANTIVIRUS: down",
                List.of(), new ScanResult(Scanner.ANTIVIRUS, ScanOutcome.ERROR, "down", 0));
        ContentScanResult oversize = content(ContentVerdict.PASS_UNSCANNED, Reason.OVERSIZE, "big", List.of(),
                new ScanResult(Scanner.OVERSIZE, ScanOutcome.MATCH, "big", null));

        assertThat(wanted(nothing, failed, null)).isTrue();
        assertThat(wanted(nothing, oversize, null)).isTrue();
        assertThat(wanted(nothing, clean(), null)).isFalse();
    }
}
