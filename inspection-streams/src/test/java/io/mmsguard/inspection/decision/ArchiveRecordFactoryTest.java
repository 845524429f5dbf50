package io.mmsguard.inspection.decision;

import static io.mmsguard.inspection.decision.Inspections.DECIDED;
import static io.mmsguard.inspection.decision.Inspections.clean;
import static io.mmsguard.inspection.decision.Inspections.endpoint;
import static io.mmsguard.inspection.decision.Inspections.envelope;
import static io.mmsguard.inspection.decision.Inspections.hit;
import static io.mmsguard.inspection.decision.Inspections.inspection;
import static io.mmsguard.inspection.decision.Inspections.mm1;
import static io.mmsguard.inspection.decision.Inspections.noEndpoint;
import static io.mmsguard.inspection.decision.Inspections.outcome;
import static io.mmsguard.inspection.decision.Inspections.profile;
import static io.mmsguard.inspection.decision.Inspections.virus;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.ArchiveKind;
import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.ArchiveTrigger;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.endpoint.EndpointAction;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ContentVerdict;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.ThresholdAction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchiveRecordFactoryTest {

    private static final Instant ARCHIVED = Instant.parse("2026-11-24T10:00:01Z");

    private static Optional<ArchiveRecord> archive(Inspection in) {
        return ArchiveRecordFactory.create(in, DecisionFactory.decide(in, DECIDED), ARCHIVED);
    }

    private static MmsProfile mode(ArchiveMode mode) {
        return profile().setMm1(mm1().setArchive(mode).build()).build();
    }

    private static Inspection with(MmsProfile p, ContentScanResult content, Outcome flood, Outcome duplicate) {
        return inspection(envelope().build(), p, noEndpoint(), content, flood, duplicate);
    }

    @Test
    void nothingIsArchivedByDefault() {
        assertThat(archive(with(profile().build(), clean(), outcome(hit(1, 101, ThresholdAction.LOG)), null)))
                .isEmpty();
    }

    @Test
    void summaryModeKeepsMetadataAndVerdictWithoutContent() {
        ArchiveRecord r = archive(with(mode(ArchiveMode.SUMMARY), virus(ContentVerdict.BLOCK, List.of()), null, null))
                .orElseThrow();

        assertThat(r.getKind()).isEqualTo(ArchiveKind.SUMMARY);
        assertThat(r.getTrigger()).isEqualTo(ArchiveTrigger.PROFILE);
        assertThat(r.getParts()).extracting(MmsPart::getContent).containsOnlyNulls();
        assertThat(r.getParts()).extracting(MmsPart::getFilename).containsExactly(null, "game.exe");
        assertThat(r.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(r.getReason()).isEqualTo(Reason.VIRUS);
        assertThat(r.getDetail()).isEqualTo("Eicar-Test-Signature");
        assertThat(r.getSessionId()).isEqualTo("s-1");
        assertThat(r.getSenderRaw()).isEqualTo("+491701/TYPE=PLMN");
        assertThat(r.getTransactionId()).isEqualTo("t-1");
        assertThat(r.getArchivedAt()).isEqualTo(ARCHIVED);
        assertThat(r.getProfileVersion()).isEqualTo(42);
        assertThat(r.getTransport().getListener()).isEqualTo("mm1");
    }

    @Test
    void fullModeKeepsContent() {
        ArchiveRecord r = archive(with(mode(ArchiveMode.FULL), clean(), null, null)).orElseThrow();

        assertThat(r.getKind()).isEqualTo(ArchiveKind.FULL);
        assertThat(r.getTrigger()).isEqualTo(ArchiveTrigger.PROFILE);
        assertThat(r.getParts()).extracting(MmsPart::getContent).doesNotContainNull();
        assertThat(r.getParts()).isEqualTo(envelope().build().getParts());
    }

    @Test
    void thresholdArchiveAndArchiveFirstAreFullWithTheirThreshold() {
        ArchiveRecord archive = archive(with(mode(ArchiveMode.SUMMARY), clean(),
                Inspections.outcome(Inspections.under(1, 50), hit(2, 101, ThresholdAction.ARCHIVE)), null)).orElseThrow();
        ArchiveRecord first = archive(with(profile().build(), clean(), null,
                outcome(hit(1, 101, ThresholdAction.ARCHIVE_FIRST)))).orElseThrow();

        assertThat(archive.getKind()).isEqualTo(ArchiveKind.FULL);
        assertThat(archive.getTrigger()).isEqualTo(ArchiveTrigger.THRESHOLD);
        assertThat(archive.getThreshold().getKind()).isEqualTo(ThresholdKind.FLOOD);
        assertThat(archive.getThreshold().getIndex()).isEqualTo(2);
        assertThat(archive.getVerdict()).isEqualTo(Verdict.PASS);
        assertThat(first.getKind()).isEqualTo(ArchiveKind.FULL);
        assertThat(first.getThreshold().getKind()).isEqualTo(ThresholdKind.DUPLICATE);
        assertThat(first.getChecksum()).isEqualTo("c".repeat(64));
    }

    @Test
    void interceptQuarantinesAndBeatsEveryOtherCause() {
        ArchiveRecord r = archive(inspection(envelope().build(), mode(ArchiveMode.FULL),
                endpoint(EndpointAction.NONE, true), clean(),
                outcome(hit(1, 101, ThresholdAction.ARCHIVE), hit(2, 101, ThresholdAction.INTERCEPT,
                        ThresholdAction.BLOCK)), null)).orElseThrow();

        assertThat(r.getKind()).isEqualTo(ArchiveKind.QUARANTINE);
        assertThat(r.getTrigger()).isEqualTo(ArchiveTrigger.THRESHOLD);
        assertThat(r.getThreshold().getIndex()).isEqualTo(2);
        assertThat(r.getVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(r.getReason()).isEqualTo(Reason.FLOOD);
        assertThat(r.getParts()).extracting(MmsPart::getContent).doesNotContainNull();
    }

    @Test
    void fileFilterInterceptQuarantines() {
        ContentScanResult c = clean();
        ContentScanResult intercepted = new ContentScanResult(c.verdict(), c.reason(), c.detail(), c.partsToStrip(),
                true, null, c.scanResults());

        ArchiveRecord r = archive(with(mode(ArchiveMode.SUMMARY), intercepted, null, null)).orElseThrow();

        assertThat(r.getKind()).isEqualTo(ArchiveKind.QUARANTINE);
        assertThat(r.getTrigger()).isEqualTo(ArchiveTrigger.FILE_FILTER);
        assertThat(r.getThreshold()).isNull();
    }

    @Test
    void endpointArchiveFlagIsFullAndCarriesTheEndpointVerdict() {
        ArchiveRecord r = archive(inspection(envelope().build(), mode(ArchiveMode.SUMMARY),
                endpoint(EndpointAction.BLOCK, true), clean(), null, null)).orElseThrow();

        assertThat(r.getKind()).isEqualTo(ArchiveKind.FULL);
        assertThat(r.getTrigger()).isEqualTo(ArchiveTrigger.ENDPOINT);
        assertThat(r.getReason()).isEqualTo(Reason.ENDPOINT);
    }
}
