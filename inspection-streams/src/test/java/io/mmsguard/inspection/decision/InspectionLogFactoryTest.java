package io.mmsguard.inspection.decision;

import static io.mmsguard.inspection.decision.Inspections.DECIDED;
import static io.mmsguard.inspection.decision.Inspections.RECEIVED;
import static io.mmsguard.inspection.decision.Inspections.clean;
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
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ScanOutcome;
import io.mmsguard.avro.ScanResult;
import io.mmsguard.avro.Scanner;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.endpoint.EndpointAction;
import io.mmsguard.inspection.scan.ContentVerdict;
import io.mmsguard.inspection.threshold.ThresholdAction;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectionLogFactoryTest {

    private static InspectionLog log(Inspection in) {
        return InspectionLogFactory.create(in, DecisionFactory.decide(in, DECIDED));
    }

    @Test
    void cleanSendLogsEveryStepEveryThresholdAndTheLatency() {
        Inspection in = inspection(envelope().build(), profile().build(), noEndpoint(), clean(),
                outcome(under(1, 5), under(2, 5)), outcome(under(1, 1)));

        InspectionLog l = log(in);

        assertThat(l.getScans()).containsExactly(
                new ScanResult(Scanner.ENDPOINT_FILTER, ScanOutcome.CLEAN, null, null),
                new ScanResult(Scanner.OVERSIZE, ScanOutcome.CLEAN, null, null),
                new ScanResult(Scanner.UNPACK, ScanOutcome.CLEAN, null, null),
                new ScanResult(Scanner.FILE_FILTER, ScanOutcome.CLEAN, null, null),
                new ScanResult(Scanner.ANTIVIRUS, ScanOutcome.CLEAN, null, null),
                new ScanResult(Scanner.BANNED_WORDS, ScanOutcome.CLEAN, null, null),
                new ScanResult(Scanner.CHECKSUM, ScanOutcome.CLEAN, null, null),
                new ScanResult(Scanner.FLOOD, ScanOutcome.CLEAN, null, null),
                new ScanResult(Scanner.DUPLICATE, ScanOutcome.CLEAN, null, null));
        assertThat(l.getThresholds()).extracting(ThresholdCount::getKind, ThresholdCount::getIndex,
                ThresholdCount::getCount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ThresholdKind.FLOOD, 1, 5L),
                org.assertj.core.groups.Tuple.tuple(ThresholdKind.FLOOD, 2, 5L),
                org.assertj.core.groups.Tuple.tuple(ThresholdKind.DUPLICATE, 1, 1L));
        assertThat(l).isEqualTo(InspectionLog.newBuilder(l).setSessionId("s-1").setGatewayId("gw-1")
                .setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND).setMessageId("m-1")
                .setSender("+491701").setRecipientCount(1).setPartCount(2).setOriginalSize(1234)
                .setChecksum("c".repeat(64)).setVerdict(Verdict.PASS).setReason(Reason.NONE).setDetail(null)
                .setNotifySender(false).setProfile("p").setProfileVersion(42).setReceivedAt(RECEIVED)
                .setDecidedAt(DECIDED).setLatencyMillis(250).build());
    }

    @Test
    void floodBlockIsLoggedWithItsThreshold() {
        Inspection in = inspection(envelope().build(), profile().build(), noEndpoint(), clean(),
                outcome(hit(1, 101, ThresholdAction.LOG, ThresholdAction.BLOCK)), null);

        InspectionLog l = log(in);

        assertThat(l.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(l.getReason()).isEqualTo(Reason.FLOOD);
        assertThat(l.getDetail()).isEqualTo("flood threshold 1: 101 in 60 min > limit 100");
        assertThat(l.getScans()).contains(new ScanResult(Scanner.FLOOD, ScanOutcome.BLOCK,
                "flood threshold 1: 101 in 60 min > limit 100", null),
                new ScanResult(Scanner.DUPLICATE, ScanOutcome.SKIPPED, "not evaluated", null));
        assertThat(l.getThresholds()).singleElement().satisfies(t -> assertThat(t.getExceeded()).isTrue());
        assertThat(l.getChecksum()).isNull();
    }

    @Test
    void aBlockRecordsTheAnswerTheClientGotAndAPassNone() {
        Inspection blocked = inspection(envelope().build(), profile().build(), noEndpoint(), clean(),
                outcome(hit(1, 101, ThresholdAction.BLOCK)), null);
        Inspection passed = inspection(envelope().build(), profile().build(), noEndpoint(), clean(),
                outcome(under(1, 5)), null);
        Decision decision = DecisionFactory.decide(blocked, DECIDED);

        InspectionLog l = InspectionLogFactory.create(blocked, decision);

        assertThat(l.getResponseStatus()).isEqualTo(decision.getResponseStatus()).isNotNull();
        assertThat(l.getResponseStatus().getMm1ResponseStatus()).isEqualTo(0x87);
        assertThat(l.getResponseText()).isEqualTo(decision.getReplacementText()).isNotNull();
        assertThat(log(passed).getResponseStatus()).isNull();
        assertThat(log(passed).getResponseText()).isNull();
    }

    @Test
    void monitorOnlyVirusPassesButIsLogged() {
        Inspection in = inspection(envelope().build(), profile().setMm1(mm1().setMonitorOnly(true).build()).build(),
                noEndpoint(), Inspections.content(ContentVerdict.PASS, io.mmsguard.inspection.scan.Reason.NONE, null,
                        List.of(), new io.mmsguard.inspection.scan.ScanResult(
                                io.mmsguard.inspection.scan.Scanner.ANTIVIRUS,
                                io.mmsguard.inspection.scan.ScanOutcome.MATCH, "Eicar-Test-Signature", 1)),
                null, null);

        InspectionLog l = log(in);

        assertThat(l.getVerdict()).isEqualTo(Verdict.PASS);
        assertThat(l.getScans()).contains(new ScanResult(Scanner.ANTIVIRUS, ScanOutcome.MATCH, "Eicar-Test-Signature",
                1));
    }

    @Test
    void exemptEndpointAndDisabledFilterAreVisible() {
        Inspection exempt = inspection(envelope().build(), profile().build(), endpoint(EndpointAction.EXEMPT, false),
                Inspections.exempt("vip"), null, null);
        Inspection disabled = inspection(envelope().build(), profile().setMm1(mm1().setEndpointFilter(false).build())
                .build(), noEndpoint(), virus(ContentVerdict.BLOCK, List.of()), null, null);

        String match = "sender +491701 matched blocklist[3] +49170* (WILDCARD, EXEMPT)";
        assertThat(log(exempt).getScans()).startsWith(
                new ScanResult(Scanner.ENDPOINT_FILTER, ScanOutcome.EXEMPT, match, null),
                new ScanResult(Scanner.OVERSIZE, ScanOutcome.EXEMPT, "vip", null));
        assertThat(log(exempt).getScans()).endsWith(
                new ScanResult(Scanner.FLOOD, ScanOutcome.EXEMPT, match, null),
                new ScanResult(Scanner.DUPLICATE, ScanOutcome.EXEMPT, match, null));
        assertThat(log(disabled).getScans().get(0))
                .isEqualTo(new ScanResult(Scanner.ENDPOINT_FILTER, ScanOutcome.SKIPPED, "disabled", null));
        Decision d = DecisionFactory.decide(disabled, DECIDED);
        assertThat(log(disabled).getScans()).contains(new ScanResult(Scanner.ANTIVIRUS, ScanOutcome.BLOCK,
                d.getDetail(), 1));
    }
}
