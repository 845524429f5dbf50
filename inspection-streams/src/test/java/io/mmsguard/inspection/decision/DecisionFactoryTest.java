package io.mmsguard.inspection.decision;

import static io.mmsguard.inspection.decision.Inspections.DECIDED;
import static io.mmsguard.inspection.decision.Inspections.clean;
import static io.mmsguard.inspection.decision.Inspections.content;
import static io.mmsguard.inspection.decision.Inspections.endpoint;
import static io.mmsguard.inspection.decision.Inspections.envelope;
import static io.mmsguard.inspection.decision.Inspections.hit;
import static io.mmsguard.inspection.decision.Inspections.inspection;
import static io.mmsguard.inspection.decision.Inspections.mm1;
import static io.mmsguard.inspection.decision.Inspections.noEndpoint;
import static io.mmsguard.inspection.decision.Inspections.outcome;
import static io.mmsguard.inspection.decision.Inspections.profile;
import static io.mmsguard.inspection.decision.Inspections.under;
import static io.mmsguard.inspection.decision.Inspections.virus;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationSettings;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.avro.VirusNotificationEntry;
import io.mmsguard.inspection.endpoint.EndpointAction;
import io.mmsguard.inspection.endpoint.EndpointMatch;
import io.mmsguard.inspection.profile.ScannerRegistry;
import io.mmsguard.inspection.scan.ScanEnvironment;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ContentVerdict;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.ScanPart;
import io.mmsguard.inspection.scan.ScanProfile;
import io.mmsguard.inspection.scan.ScanRequest;
import io.mmsguard.inspection.scan.ScanResult;
import io.mmsguard.inspection.scan.ScanSettings;
import io.mmsguard.inspection.scan.Scanner;
import io.mmsguard.inspection.threshold.ThresholdAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionFactoryTest {

    private static final ThresholdAction LOG = ThresholdAction.LOG;
    private static final ThresholdAction BLOCK = ThresholdAction.BLOCK;

    private static Decision decide(Inspection in) {
        return DecisionFactory.decide(in, DECIDED);
    }

    private static MmsProfile notifying(NotificationType... types) {
        List<NotificationRule> rules = java.util.Arrays.stream(types).map(t -> NotificationRule.newBuilder().setType(t)
                .setEnabled(true).setNotifySender(true).build()).toList();
        return profile().setMm1(mm1().setNotification(NotificationSettings.newBuilder().setRules(rules).build())
                .build()).build();
    }

    @Test
    void cleanMessagePassesWithEveryFieldSet() {
        Decision d = decide(inspection(clean()));

        assertThat(d).isEqualTo(Decision.newBuilder()
                .setSessionId("s-1").setGatewayId("gw-1").setVerdict(Verdict.PASS).setReason(Reason.NONE)
                .setDetail(null).setThreshold(null).setPartsToStrip(List.of()).setReplacementSubject(null)
                .setReplacementText(null).setResponseStatus(null).setNotifySender(false).setDecidedAt(DECIDED)
                .setProfile("p").setProfileVersion(42).setReplyPartition(7).build());
    }

    @Test
    void virusBlockHasTheDefaultTextAndStatusAndDoesNotNotifyByDefault() {
        Decision d = decide(inspection(virus(ContentVerdict.BLOCK, List.of())));

        assertThat(d.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(d.getReason()).isEqualTo(Reason.VIRUS);
        assertThat(d.getDetail()).isEqualTo("Eicar-Test-Signature");
        assertThat(d.getReplacementText())
                .isEqualTo("This message has been blocked because it contains the virus Eicar-Test-Signature (game.exe).");
        assertThat(d.getReplacementSubject()).isNull();
        assertThat(d.getResponseStatus()).isEqualTo(ResponseStatus.newBuilder().setMm1ResponseStatus(0x87)
                .setMm3ReplyCode(550).setMm3EnhancedStatus("5.7.1").setMm4RequestStatus("Error-content-not-accepted")
                .setMm7StatusCode(2004).build());
        assertThat(d.getNotifySender()).isFalse();
        assertThat(d.getThreshold()).isNull();
        assertThat(d.getPartsToStrip()).isEmpty();
    }

    @Test
    void virusNotifiesTheSenderWhenTheProfileSaysSo() {
        MmsProfile p = notifying(NotificationType.VIRUS);
        Decision d = decide(inspection(envelope().build(), p, noEndpoint(), virus(ContentVerdict.BLOCK, List.of()),
                null, null));

        assertThat(d.getNotifySender()).isTrue();
    }

    @Test
    void virusNotificationListLimitsWhichVirusesNotify() {
        MmsProfile listed = MmsProfile.newBuilder(notifying(NotificationType.VIRUS)).setVirusNotifications(List.of(
                VirusNotificationEntry.newBuilder().setName("eicar-").setPrefix(true).build())).build();
        MmsProfile other = MmsProfile.newBuilder(notifying(NotificationType.VIRUS)).setVirusNotifications(List.of(
                VirusNotificationEntry.newBuilder().setName("Win.Worm").build())).build();
        ContentScanResult v = virus(ContentVerdict.BLOCK, List.of());

        assertThat(decide(inspection(envelope().build(), listed, noEndpoint(), v, null, null)).getNotifySender())
                .isTrue();
        assertThat(decide(inspection(envelope().build(), other, noEndpoint(), v, null, null)).getNotifySender())
                .isFalse();
    }

    @Test
    void nonVirusContentBlocksNeverNotifyEvenWhenTheirRuleAsks() {
        MmsProfile p = notifying(NotificationType.FILE_FILTER);
        ContentScanResult file = content(ContentVerdict.BLOCK, io.mmsguard.inspection.scan.Reason.FILE_FILTER,
                "file name *.exe (WILDCARD, BLOCK)", List.of(),
                new ScanResult(Scanner.FILE_FILTER, ScanOutcome.BLOCK, "file name *.exe (WILDCARD, BLOCK)", 1));

        Decision d = decide(inspection(envelope().build(), p, noEndpoint(), file, null, null));

        assertThat(d.getReason()).isEqualTo(Reason.FILE_FILTER);
        assertThat(d.getNotifySender()).isFalse();
        assertThat(d.getReplacementText())
                .isEqualTo("This message has been blocked because it contains a file that is not allowed: game.exe.");
    }

    @Test
    void endpointBlockBeatsAVirus() {
        MmsProfile p = notifying(NotificationType.VIRUS, NotificationType.ENDPOINT);
        Decision d = decide(inspection(envelope().build(), p, endpoint(EndpointAction.BLOCK, false),
                virus(ContentVerdict.BLOCK, List.of()), null, null));

        assertThat(d.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(d.getReason()).isEqualTo(Reason.ENDPOINT);
        assertThat(d.getDetail()).isEqualTo("sender +491701 matched blocklist[3] +49170* (WILDCARD, BLOCK)");
        assertThat(d.getResponseStatus().getMm7StatusCode()).isEqualTo(4007);
        assertThat(d.getNotifySender()).isFalse();
        assertThat(d.getReplacementText())
                .isEqualTo("This message has been blocked: the sender or a recipient is not allowed.");
    }

    @Test
    void aVirusBeatsAFlood() {
        Decision d = decide(inspection(envelope().build(), profile().build(), noEndpoint(),
                virus(ContentVerdict.BLOCK, List.of()), outcome(hit(1, 101, LOG, BLOCK)), null));

        assertThat(d.getReason()).isEqualTo(Reason.VIRUS);
        assertThat(d.getThreshold()).isNull();
    }

    @Test
    void floodBlockNamesItsThresholdAndNeverNotifies() {
        MmsProfile p = notifying(NotificationType.FLOOD, NotificationType.VIRUS);
        Decision d = decide(inspection(envelope().build(), p, noEndpoint(), clean(),
                outcome(under(1, 101), hit(2, 101, LOG, BLOCK)), null));

        assertThat(d.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(d.getReason()).isEqualTo(Reason.FLOOD);
        assertThat(d.getDetail()).isEqualTo("flood threshold 2: 101 in 60 min > limit 100");
        assertThat(d.getThreshold()).isEqualTo(ThresholdCount.newBuilder().setKind(ThresholdKind.FLOOD).setIndex(2)
                .setWindowMinutes(60).setLimit(100).setCount(101).setExceeded(true)
                .setActions(List.of(io.mmsguard.avro.ThresholdAction.LOG, io.mmsguard.avro.ThresholdAction.BLOCK))
                .setBlockedUntil(null).build());
        assertThat(d.getNotifySender()).isFalse();
        assertThat(d.getReplacementText()).isEqualTo("This message has not been accepted.");
        assertThat(d.getResponseStatus().getMm1ResponseStatus()).isEqualTo(0x87);
        assertThat(d.getResponseStatus().getMm7StatusCode()).isEqualTo(4007);
    }

    @Test
    void floodBeatsDuplicateAndDuplicateBlocksAlone() {
        Decision both = decide(inspection(envelope().build(), profile().build(), noEndpoint(), clean(),
                outcome(hit(1, 101, BLOCK)), outcome(hit(1, 500, BLOCK))));
        Decision dup = decide(inspection(envelope().build(), notifying(NotificationType.DUPLICATE), noEndpoint(),
                clean(), outcome(under(1, 3)), outcome(hit(1, 500, BLOCK))));

        assertThat(both.getReason()).isEqualTo(Reason.FLOOD);
        assertThat(dup.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(dup.getReason()).isEqualTo(Reason.DUPLICATE);
        assertThat(dup.getThreshold().getKind()).isEqualTo(ThresholdKind.DUPLICATE);
        assertThat(dup.getDetail()).isEqualTo("duplicate threshold 1: 500 in 60 min > limit 100");
        assertThat(dup.getNotifySender()).isFalse();
    }

    @Test
    void exceededThresholdsWithoutBlockPass() {
        Decision d = decide(inspection(envelope().build(), profile().build(), noEndpoint(), clean(),
                outcome(hit(1, 101, LOG, ThresholdAction.ARCHIVE)), outcome(hit(1, 200, ThresholdAction.ALERT_ADMIN))));

        assertThat(d.getVerdict()).isEqualTo(Verdict.PASS);
        assertThat(d.getReason()).isEqualTo(Reason.NONE);
        assertThat(d.getThreshold()).isNull();
    }

    @Test
    void monitorOnlyInterfacePassesAVirusThatThePipelineOnlyReports() {
        ScanSettings monitor = new ScanSettings(true, true, true, true, true, false, 10_240,
                io.mmsguard.inspection.scan.OversizeAction.BLOCK);
        ScanProfile scan = new ScanProfile(Map.of(io.mmsguard.inspection.scan.MmsInterface.MM1, monitor), List.of(), 10, List.of(), List.of());
        ContentScanResult result = ScannerRegistry.standard()
                .pipeline(scan, new ScanEnvironment(bytes -> Optional.of("Eicar-Test-Signature")))
                .scan(new ScanRequest(null, List.of(new ScanPart(0, "image/jpeg", "a.jpg", null, new byte[] {1})),
                        100, io.mmsguard.inspection.scan.MmsInterface.MM1));

        Decision d = decide(inspection(envelope().build(), profile().setMm1(mm1().setMonitorOnly(true).build())
                .build(), noEndpoint(), result, null, null));

        assertThat(result.resultsOf(Scanner.ANTIVIRUS)).extracting(ScanResult::outcome)
                .containsExactly(ScanOutcome.MATCH);
        assertThat(d.getVerdict()).isEqualTo(Verdict.PASS);
        assertThat(d.getReason()).isEqualTo(Reason.NONE);
    }

    @Test
    void monitorOnlyDoesNotSoftenFloodOrEndpointBlocks() {
        MmsProfile monitor = profile().setMm1(mm1().setMonitorOnly(true).build()).build();

        Decision flood = decide(inspection(envelope().build(), monitor, noEndpoint(), clean(),
                outcome(hit(1, 101, BLOCK)), null));
        Decision endpoint = decide(inspection(envelope().build(), monitor, endpoint(EndpointAction.BLOCK, false),
                clean(), null, null));

        assertThat(flood.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(flood.getReason()).isEqualTo(Reason.FLOOD);
        assertThat(endpoint.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(endpoint.getReason()).isEqualTo(Reason.ENDPOINT);
    }

    @Test
    void scannerFailureIsATemporaryFailureUnlessTheInterfaceFailsOpen() {
        ContentScanResult failed = content(ContentVerdict.SCAN_FAILED,
                io.mmsguard.inspection.scan.Reason.SCANNER_FAILURE, "ANTIVIRUS: scan failed: clamd down", List.of(),
                new ScanResult(Scanner.ANTIVIRUS, ScanOutcome.ERROR, "scan failed: clamd down", 0));

        Decision closed = decide(inspection(failed));
        Decision open = decide(inspection(envelope().build(), profile().setMm1(mm1().setFailOpen(true).build())
                .build(), noEndpoint(), failed, null, null));

        assertThat(closed.getVerdict()).isEqualTo(Verdict.TEMPORARY_FAILURE);
        assertThat(closed.getReason()).isEqualTo(Reason.SCANNER_FAILURE);
        assertThat(closed.getDetail()).isEqualTo("ANTIVIRUS: scan failed: clamd down");
        assertThat(closed.getResponseStatus()).isNull();
        assertThat(closed.getReplacementText()).isNull();
        assertThat(open.getVerdict()).isEqualTo(Verdict.PASS_UNSCANNED);
        assertThat(open.getReason()).isEqualTo(Reason.SCANNER_FAILURE);
    }

    @Test
    void anEndpointFilterThatRanOutOfRegexBudgetIsAScannerFailureNotANoMatch() {
        EndpointMatch undecided = new EndpointMatch(EndpointAction.NONE, Optional.empty(), List.of(), false, false,
                List.of("blocklist[0] (\\d+)+x on +4917011111111111111111111"));

        Decision closed = decide(inspection(envelope().build(), profile().build(), undecided, clean(), null, null));
        Decision open = decide(inspection(envelope().build(), profile().setMm1(mm1().setFailOpen(true).build())
                .build(), undecided, clean(), null, null));
        Decision virus = decide(inspection(envelope().build(), profile().build(), undecided,
                virus(ContentVerdict.BLOCK, List.of()), null, null));

        assertThat(closed.getVerdict()).isEqualTo(Verdict.TEMPORARY_FAILURE);
        assertThat(closed.getReason()).isEqualTo(Reason.SCANNER_FAILURE);
        assertThat(closed.getDetail()).startsWith("endpoint: regex budget exceeded: blocklist[0]");
        assertThat(open.getVerdict()).isEqualTo(Verdict.PASS_UNSCANNED);
        assertThat(open.getReason()).isEqualTo(Reason.SCANNER_FAILURE);
        // a definite block still wins over "unknown"
        assertThat(virus.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(virus.getReason()).isEqualTo(Reason.VIRUS);
    }

    @Test
    void failOpenStillStripsWhatWasFound() {
        List<ScanResult> results = List.of(new ScanResult(Scanner.OVERSIZE, ScanOutcome.CLEAN, null, null),
                new ScanResult(Scanner.FILE_FILTER, ScanOutcome.BLOCK, "file name *.exe (WILDCARD, BLOCK)", 1),
                new ScanResult(Scanner.ANTIVIRUS, ScanOutcome.ERROR, "scan failed: timeout", 0));
        ContentScanResult failed = new ContentScanResult(ContentVerdict.SCAN_FAILED,
                io.mmsguard.inspection.scan.Reason.SCANNER_FAILURE, "ANTIVIRUS: scan failed: timeout", List.of(1),
                false, null, results);

        Decision d = decide(inspection(envelope().build(), profile().setMm1(mm1().setFailOpen(true).build())
                .build(), noEndpoint(), failed, null, null));

        assertThat(d.getVerdict()).isEqualTo(Verdict.STRIP);
        assertThat(d.getReason()).isEqualTo(Reason.FILE_FILTER);
        assertThat(d.getPartsToStrip()).containsExactly(1);
        assertThat(d.getReplacementText())
                .isEqualTo("The attachment game.exe has been removed because this file type is not allowed.");
    }

    @Test
    void stripRemovesTheInfectedPartButAFloodBlockStillStopsTheMessage() {
        ContentScanResult strip = virus(ContentVerdict.STRIP, List.of(1));

        Decision stripped = decide(inspection(strip));
        Decision flooded = decide(inspection(envelope().build(), profile().build(), noEndpoint(), strip,
                outcome(hit(1, 101, BLOCK)), null));

        assertThat(stripped.getVerdict()).isEqualTo(Verdict.STRIP);
        assertThat(stripped.getReason()).isEqualTo(Reason.VIRUS);
        assertThat(stripped.getPartsToStrip()).containsExactly(1);
        assertThat(stripped.getReplacementText())
                .isEqualTo("The attachment game.exe has been removed because it contains the virus Eicar-Test-Signature.");
        assertThat(stripped.getResponseStatus()).isNull();
        assertThat(flooded.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(flooded.getReason()).isEqualTo(Reason.FLOOD);
        assertThat(flooded.getPartsToStrip()).isEmpty();
    }

    @Test
    void oversizePassIsUnscanned() {
        ContentScanResult big = content(ContentVerdict.PASS_UNSCANNED, io.mmsguard.inspection.scan.Reason.OVERSIZE,
                "20000000 bytes > 10240 kB", List.of(),
                new ScanResult(Scanner.OVERSIZE, ScanOutcome.MATCH, "20000000 bytes > 10240 kB", null));

        Decision d = decide(inspection(big));

        assertThat(d.getVerdict()).isEqualTo(Verdict.PASS_UNSCANNED);
        assertThat(d.getReason()).isEqualTo(Reason.OVERSIZE);
        assertThat(d.getDetail()).isEqualTo("20000000 bytes > 10240 kB");
        assertThat(d.getReplacementText()).isNull();
    }

    @Test
    void blockedRetrievalGetsAReplacementSubjectAndTheEnvelopesReplyPartition() {
        Decision d = decide(inspection(envelope().setDirection(Direction.RETRIEVE).setReplyPartition(3).build(),
                profile().build(), noEndpoint(), virus(ContentVerdict.BLOCK, List.of()), null, null));

        assertThat(d.getReplacementSubject()).isEqualTo("Message blocked");
        assertThat(d.getReplyPartition()).isEqualTo(3);
    }

    @Test
    void profileOverridesStatusAndTextPerInterface() {
        MmsProfile p = profile()
                .setBlockStatuses(List.of(io.mmsguard.avro.BlockStatus.newBuilder().setReason(Reason.FLOOD)
                        .setStatus(ResponseStatus.newBuilder().setMm4RequestStatus("Ok").build()).build()))
                .setReplacementMessages(List.of(io.mmsguard.avro.ReplacementMessage.newBuilder()
                        .setMmsInterface(io.mmsguard.avro.MmsInterface.MM4).setReason(Reason.FLOOD)
                        .setText("Sorry %sender%").build()))
                .build();

        Decision d = decide(inspection(envelope().setMmsInterface(io.mmsguard.avro.MmsInterface.MM4).build(), p,
                noEndpoint(), clean(), outcome(hit(1, 101, BLOCK)), null));

        assertThat(d.getResponseStatus().getMm4RequestStatus()).isEqualTo("Ok");
        assertThat(d.getResponseStatus().getMm1ResponseStatus()).isEqualTo(0x87);
        assertThat(d.getReplacementText()).isEqualTo("Sorry +491701");
    }
}
