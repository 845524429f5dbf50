package io.mmsguard.inspection.topology;

import static io.mmsguard.avro.ThresholdAction.BLOCK;
import static io.mmsguard.inspection.topology.TopologyFixture.EICAR;
import static io.mmsguard.inspection.topology.TopologyFixture.SENDER;
import static io.mmsguard.inspection.topology.TopologyFixture.T0;
import static io.mmsguard.inspection.topology.TopologyFixture.endpointList;
import static io.mmsguard.inspection.topology.TopologyFixture.entry;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1;
import static io.mmsguard.inspection.topology.TopologyFixture.profile;
import static io.mmsguard.inspection.topology.TopologyFixture.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.ChecksumEntry;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.EndpointAction;
import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.OversizeAction;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ScanOutcome;
import io.mmsguard.avro.ScanResult;
import io.mmsguard.avro.Scanner;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.inspection.topology.TopologyFixture.Result;
import org.junit.jupiter.api.Test;

/** The content scanners and the endpoint filter as the topology applies them, with the built-in AV engine. */
class InspectionTopologyScanTest extends TopologyTestSupport {
    private static final String EICAR_NAME = "MmsGuard.Test.Eicar";


    /** The sample MM1 send with EICAR as part 1 instead of the .exe. */
    private static MmsEnvelope.Builder eicar() {
        MmsEnvelope.Builder b = mm1(T0);
        return b.setParts(List.of(b.getParts().get(0),
                SampleEnvelopes.part("application/octet-stream", "eicar.com", EICAR)));
    }

    private static ScanResult scan(Result r, Scanner scanner) {
        return r.log().getScans().stream().filter(s -> s.getScanner() == scanner).findFirst().orElseThrow();
    }

    @Test
    void aVirusBlocksWithTheInterfacesStatus() {
        fx.publish(profile().build());
        Result mm1 = fx.send(eicar());
        assertThat(mm1.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(mm1.reason()).isEqualTo(Reason.VIRUS);
        assertThat(mm1.decision().getDetail()).isEqualTo(EICAR_NAME);
        assertThat(mm1.decision().getResponseStatus().getMm1ResponseStatus()).isEqualTo(0x87);
        assertThat(mm1.decision().getPartsToStrip()).isEmpty();
        assertThat(mm1.decision().getReplacementText()).isNotNull();
        assertThat(mm1.logs().get(0).key).isEqualTo(SENDER);
        assertThat(scan(mm1, Scanner.ANTIVIRUS).getOutcome()).isEqualTo(ScanOutcome.BLOCK);
        assertThat(mm1.alerts()).hasSize(1);
        assertThat(mm1.alerts().get(0).key).isEqualTo("p/MM1/VIRUS");
        assertThat(mm1.alerts().get(0).value.getVirusName()).isEqualTo(EICAR_NAME);
        assertThat(mm1.archive()).isEmpty();

        Result mm3 = fx.send(eicar().setMmsInterface(MmsInterface.MM3).setDirection(Direction.DELIVER));
        assertThat(mm3.reason()).isEqualTo(Reason.VIRUS);
        assertThat(mm3.decision().getResponseStatus().getMm3ReplyCode()).isEqualTo(550);
        assertThat(mm3.decision().getResponseStatus().getMm3EnhancedStatus()).isEqualTo("5.7.1");
        assertThat(mm3.alerts().get(0).key).isEqualTo("p/MM3/VIRUS");

        Result mm7 = fx.send(eicar().setMmsInterface(MmsInterface.MM7));
        assertThat(mm7.reason()).isEqualTo(Reason.VIRUS);
        assertThat(mm7.decision().getResponseStatus().getMm7StatusCode()).isEqualTo(2004);

        assertThat(fx.send(mm1(T0)).verdict()).as("a clean message after a virus").isEqualTo(Verdict.PASS);
    }

    @Test
    void removeBlockedStripsTheInfectedPart() {
        fx.publish(profile().setMm1(InterfaceSettings.newBuilder().setRemoveBlocked(true).build()).build());
        Result r = fx.send(eicar());
        assertThat(r.verdict()).isEqualTo(Verdict.STRIP);
        assertThat(r.reason()).isEqualTo(Reason.VIRUS);
        assertThat(r.decision().getPartsToStrip()).containsExactly(1);
        assertThat(r.decision().getResponseStatus()).isNull();
        assertThat(r.decision().getReplacementText()).isNotNull();
        assertThat(r.log().getVerdict()).isEqualTo(Verdict.STRIP);
        assertThat(r.alerts()).extracting(a -> a.value.getType()).containsExactly(NotificationType.VIRUS);
    }

    @Test
    void fileFilterBlocksAndStrips() {
        FileFilterEntry exe = FileFilterEntry.newBuilder().setPattern("*.EXE").build();
        fx.publish(profile().setFileFilter(List.of(exe)).build());
        Result blocked = fx.send(mm1(T0));
        assertThat(blocked.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(blocked.reason()).isEqualTo(Reason.FILE_FILTER);
        assertThat(blocked.alerts()).extracting(a -> a.key).containsExactly("p/MM1/FILE_FILTER");
        assertThat(scan(blocked, Scanner.FILE_FILTER).getOutcome()).isEqualTo(ScanOutcome.BLOCK);

        fx.publish(profile().setFileFilter(List.of(exe))
                .setMm1(InterfaceSettings.newBuilder().setRemoveBlocked(true).build()).build());
        Result stripped = fx.send(mm1(T0));
        assertThat(stripped.verdict()).isEqualTo(Verdict.STRIP);
        assertThat(stripped.reason()).isEqualTo(Reason.FILE_FILTER);
        assertThat(stripped.decision().getPartsToStrip()).containsExactly(1);
    }

    @Test
    void bannedWordsBlockOnlyAboveTheThreshold() {
        fx.publish(profile().setBannedWordThreshold(10).setBannedWords(List.of(
                BannedWord.newBuilder().setPattern("casino").setScore(6).build(),
                BannedWord.newBuilder().setPattern("lottery").setScore(4).build(),
                BannedWord.newBuilder().setPattern("jackpot").setScore(1).build())).build());
        MmsEnvelope.Builder atThreshold = TopologyFixture.content(mm1(T0), "casino and lottery", 'f');
        assertThat(fx.send(atThreshold).verdict()).as("score 10 is not above 10").isEqualTo(Verdict.PASS);

        Result over = fx.send(TopologyFixture.content(mm1(T0), "casino, lottery, jackpot", 'f'));
        assertThat(over.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(over.reason()).isEqualTo(Reason.BANNED_WORDS);
        assertThat(over.alerts()).extracting(a -> a.key).containsExactly("p/MM1/BANNED_WORDS");

        Result inSubject = fx.send(TopologyFixture.content(mm1(T0), "lottery jackpot", 'f').setSubject("casino"));
        assertThat(inSubject.reason()).as("the subject is scanned too").isEqualTo(Reason.BANNED_WORDS);
    }

    @Test
    void checksumListBlocksAPartByItsCrc32() {
        CRC32 crc = new CRC32();
        crc.update("hi".getBytes(StandardCharsets.UTF_8));
        fx.publish(profile().setChecksums(List.of(ChecksumEntry.newBuilder().setName("known-bad")
                .setCrc32(crc.getValue()).build())).build());
        Result r = fx.send(mm1(T0));
        assertThat(r.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(r.reason()).isEqualTo(Reason.CHECKSUM);
        assertThat(r.decision().getDetail()).contains("known-bad");
        assertThat(r.alerts()).extracting(a -> a.key).containsExactly("p/MM1/CHECKSUM");

        Result other = fx.send(TopologyFixture.content(mm1(T0), "not the same", 'a'));
        assertThat(other.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void oversizeBlocksOrPassesUnscanned() {
        fx.publish(profile().setMm1(InterfaceSettings.newBuilder().setOversizeLimitKb(1).build()).build());
        Result blocked = fx.send(eicar().setOriginalSize(1025));
        assertThat(blocked.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(blocked.reason()).isEqualTo(Reason.OVERSIZE);
        assertThat(blocked.decision().getResponseStatus().getMm1ResponseStatus()).isEqualTo(0x87);

        Result atLimit = fx.send(eicar().setOriginalSize(1024));
        assertThat(atLimit.reason()).as("exactly at the limit is scanned").isEqualTo(Reason.VIRUS);

        fx.publish(profile().setMm1(InterfaceSettings.newBuilder().setOversizeLimitKb(1)
                .setOversizeAction(OversizeAction.PASS_UNSCANNED).build()).build());
        Result unscanned = fx.send(eicar().setOriginalSize(1025));
        assertThat(unscanned.verdict()).isEqualTo(Verdict.PASS_UNSCANNED);
        assertThat(unscanned.reason()).isEqualTo(Reason.OVERSIZE);
        assertThat(unscanned.decision().getResponseStatus()).isNull();
        assertThat(unscanned.log().getVerdict()).isEqualTo(Verdict.PASS_UNSCANNED);
        assertThat(unscanned.alerts()).isEmpty();
    }

    @Test
    void endpointBlockOnSenderOrRecipient() {
        fx.publish(profile().setEndpointLists(List.of("carrier")).build());
        fx.publish(endpointList("carrier", entry(SENDER, EndpointAction.BLOCK)));
        Result r = fx.send(mm1(T0));
        assertThat(r.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(r.reason()).isEqualTo(Reason.ENDPOINT);
        assertThat(r.decision().getResponseStatus().getMm1ResponseStatus()).isEqualTo(0x87);
        assertThat(r.alerts()).extracting(a -> a.key).containsExactly("p/MM1/ENDPOINT");
        assertThat(r.log().getReason()).isEqualTo(Reason.ENDPOINT);

        Result other = fx.send(mm1("+4930000", T0));
        assertThat(other.verdict()).isEqualTo(Verdict.PASS);

        fx.publish(endpointList("carrier", entry("+491702", EndpointAction.BLOCK)));
        assertThat(fx.send(mm1("+4930000", T0)).reason()).as("recipient +491702").isEqualTo(Reason.ENDPOINT);
    }

    @Test
    void aCraftedAddressThatExhaustsTheRegexBudgetIsATemporaryFailureNotAPass() {
        fx.publish(profile().setEndpointLists(List.of("carrier")).build());
        fx.publish(endpointList("carrier", io.mmsguard.avro.EndpointEntry.newBuilder().setPattern("\\+(\\d+)+x")
                .setPatternType(io.mmsguard.avro.PatternType.REGEX).setAction(EndpointAction.BLOCK).build()));
        Result crafted = fx.send(mm1("+49" + "1".repeat(3_000), T0));
        assertThat(crafted.verdict()).isEqualTo(Verdict.TEMPORARY_FAILURE);
        assertThat(crafted.reason()).isEqualTo(Reason.SCANNER_FAILURE);
        assertThat(crafted.decision().getDetail()).startsWith("endpoint: regex budget exceeded: carrier[0]");
        assertThat(fx.counter("mmsguard.inspection.regex.budget.exhausted", "interface", "MM1", "where", "endpoint"))
                .isEqualTo(1.0);

        fx.publish(profile().setEndpointLists(List.of("carrier"))
                .setMm1(InterfaceSettings.newBuilder().setFailOpen(true).build()).build());
        Result open = fx.send(mm1("+49" + "1".repeat(3_000), T0));
        assertThat(open.verdict()).as("fail-open passes it unscanned, and logged").isEqualTo(Verdict.PASS_UNSCANNED);
        assertThat(open.reason()).isEqualTo(Reason.SCANNER_FAILURE);

        assertThat(fx.send(mm1("+4930000", T0)).verdict()).as("an ordinary sender").isEqualTo(Verdict.PASS);
    }

    @Test
    void bannedWordsAreSeenPastAnyPaddingAndWhenHiddenInHtml() {
        fx.publish(profile().setBannedWordThreshold(10).setBannedWords(List.of(
                BannedWord.newBuilder().setPattern("casino").setScore(20).build())).build());
        String padding = "nothing to see here ".repeat(10_000);
        Result padded = fx.send(TopologyFixture.content(mm1(T0), padding + "casino", 'f'));
        assertThat(padded.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(padded.reason()).isEqualTo(Reason.BANNED_WORDS);

        MmsEnvelope.Builder html = mm1(T0);
        html.setParts(List.of(SampleEnvelopes.part("text/html", null,
                "<p>c&#97;s<b></b>i\u200Bn&#x6F;</p>".getBytes(StandardCharsets.UTF_8))));
        assertThat(fx.send(html).reason()).isEqualTo(Reason.BANNED_WORDS);
    }

    @Test
    void aRegexBannedWordThatExhaustsTheBudgetIsCountedAndIsATemporaryFailure() {
        fx.publish(profile().setBannedWords(List.of(BannedWord.newBuilder().setPattern("(a+)+$")
                .setPatternType(io.mmsguard.avro.PatternType.REGEX).setScore(20).build())).build());
        Result r = fx.send(TopologyFixture.content(mm1(T0), "a".repeat(20_000) + "!", 'f'));
        assertThat(r.verdict()).isEqualTo(Verdict.TEMPORARY_FAILURE);
        assertThat(r.reason()).isEqualTo(Reason.SCANNER_FAILURE);
        assertThat(fx.counter("mmsguard.inspection.regex.budget.exhausted", "interface", "MM1", "where", "content"))
                .isEqualTo(1.0);
    }

    @Test
    void exemptSkipsScanningAndMassChecks() {
        fx.publish(profile().setEndpointLists(List.of("carrier"))
                .setMm1(TopologyFixture.flood(threshold(10, 1, 0, BLOCK))).build());
        fx.publish(endpointList("carrier", entry(SENDER, EndpointAction.EXEMPT)));
        for (int i = 0; i < 3; i++) {
            Result r = fx.send(eicar());
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.reason()).isEqualTo(Reason.NONE);
            assertThat(r.alerts()).isEmpty();
            assertThat(r.log().getScans()).extracting(ScanResult::getOutcome).containsOnly(ScanOutcome.EXEMPT);
            assertThat(r.log().getThresholds()).isEmpty();
        }
        assertThat(fx.keys(fx.floodStore())).isEmpty();
    }

    @Test
    void exemptMassMmsIsStillScannedButNotCounted() {
        fx.publish(profile().setEndpointLists(List.of("carrier"))
                .setMm1(TopologyFixture.flood(threshold(10, 1, 0, BLOCK))).build());
        fx.publish(endpointList("carrier", entry(SENDER, EndpointAction.EXEMPT_MASS_MMS)));
        for (int i = 0; i < 3; i++) {
            assertThat(fx.send(mm1(T0)).verdict()).isEqualTo(Verdict.PASS);
        }
        Result virus = fx.send(eicar());
        assertThat(virus.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(virus.reason()).isEqualTo(Reason.VIRUS);
        assertThat(fx.keys(fx.floodStore())).isEmpty();

        assertThat(fx.send(mm1("+4930000", T0)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(fx.send(mm1("+4930000", T0)).reason()).as("a sender without the entry").isEqualTo(Reason.FLOOD);
    }

    @Test
    void monitorOnlyPassesFindingsButAlertsAndLogsThem() {
        fx.publish(profile().setMm1(InterfaceSettings.newBuilder().setMonitorOnly(true).build()).build());
        Result r = fx.send(eicar());
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.decision().getResponseStatus()).isNull();
        assertThat(scan(r, Scanner.ANTIVIRUS).getOutcome()).isEqualTo(ScanOutcome.MATCH);
        assertThat(scan(r, Scanner.ANTIVIRUS).getDetail()).isEqualTo(EICAR_NAME);
        assertThat(r.alerts()).hasSize(1);
        assertThat(r.alerts().get(0).key).isEqualTo("p/MM1/VIRUS");
        assertThat(r.alerts().get(0).value.getVirusName()).isEqualTo(EICAR_NAME);
        assertThat(r.alerts().get(0).value.getDetail()).isEqualTo("monitor only: " + EICAR_NAME);
        assertThat(r.alerts().get(0).value.getSenderNotifiable()).isFalse();

        // Endpoint blocks are not softened by monitor-only.
        fx.publish(profile().setEndpointLists(List.of("carrier"))
                .setMm1(InterfaceSettings.newBuilder().setMonitorOnly(true).build()).build());
        fx.publish(endpointList("carrier", entry(SENDER, EndpointAction.BLOCK)));
        assertThat(fx.send(mm1(T0)).reason()).isEqualTo(Reason.ENDPOINT);
    }

    /**
     * Main-code bug (not fixed here): the contract (MmsPart.content in MmsPart.avsc) says a part whose content is
     * null because it exceeded the gateway's inline size makes the topology treat the message as oversize. The
     * pipeline instead reports the antivirus step SKIPPED ("content not inline") and the message PASSES with reason
     * NONE, so an infected attachment larger than the gateway's inline limit but under oversizeLimitKb is delivered
     * unscanned, with a plain PASS rather than PASS_UNSCANNED.
     */
    @Test
    void aPartWithoutInlineContentIsTreatedAsOversize() {
        fx.publish(profile().build());
        MmsEnvelope.Builder b = mm1(T0);
        MmsEnvelope.Builder notInline = b.setParts(List.of(b.getParts().get(0),
                io.mmsguard.avro.MmsPart.newBuilder(SampleEnvelopes.part("application/octet-stream", "eicar.com",
                        EICAR)).setContent(null).build()));
        Result blocked = fx.send(notInline);
        assertThat(blocked.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(blocked.reason()).isEqualTo(Reason.OVERSIZE);

        fx.publish(profile().setMm1(InterfaceSettings.newBuilder()
                .setOversizeAction(OversizeAction.PASS_UNSCANNED).build()).build());
        Result unscanned = fx.send(mm1(T0).setParts(notInline.getParts()));
        assertThat(unscanned.verdict()).isEqualTo(Verdict.PASS_UNSCANNED);
        assertThat(unscanned.reason()).isEqualTo(Reason.OVERSIZE);
    }
}
