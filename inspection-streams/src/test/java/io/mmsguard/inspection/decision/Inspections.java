package io.mmsguard.inspection.decision;

import io.mmsguard.inspection.SampleEnvelopes;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.endpoint.AddressMatch;
import io.mmsguard.inspection.endpoint.EndpointAction;
import io.mmsguard.inspection.endpoint.EndpointEntry;
import io.mmsguard.inspection.endpoint.EndpointMatch;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.profile.ProfileContext;
import io.mmsguard.inspection.profile.ProfileMapper;
import io.mmsguard.inspection.profile.ScanProfileMapper;
import io.mmsguard.inspection.profile.ScannerRegistry;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ContentVerdict;
import io.mmsguard.inspection.scan.PatternType;
import io.mmsguard.inspection.scan.Reason;
import io.mmsguard.inspection.scan.ScanEnvironment;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.ScanResult;
import io.mmsguard.inspection.scan.Scanner;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.ThresholdAction;
import io.mmsguard.inspection.threshold.ThresholdResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Inputs for the decision factories: a clean MM1 send from +491701 to +491702 with two parts, unless changed. */
final class Inspections {

    static final Instant RECEIVED = SampleEnvelopes.RECEIVED;
    static final Instant DECIDED = Instant.parse("2026-11-24T10:00:00.250Z");
    static final String SHA = SampleEnvelopes.SHA;

    private Inspections() {
    }

    static MmsPart part(String contentType, String filename, byte[] content) {
        return SampleEnvelopes.part(contentType, filename, content);
    }

    static MmsEnvelope.Builder envelope() {
        return SampleEnvelopes.mm1Send();
    }

    static MmsProfile.Builder profile() {
        return MmsProfile.newBuilder().setName("p")
                .setAudit(io.mmsguard.avro.Audit.newBuilder().setVersion(42).build());
    }

    static Profile map(MmsProfile avro) {
        return ProfileMapper.check(avro, ProfileContext.STANDALONE).profile().orElseThrow();
    }

    static InterfaceSettings.Builder mm1() {
        return InterfaceSettings.newBuilder();
    }

    static EndpointMatch noEndpoint() {
        return new EndpointMatch(EndpointAction.NONE, Optional.empty(), List.of(), false, false, List.of());
    }

    static EndpointMatch endpoint(EndpointAction action, boolean archive) {
        AddressMatch m = new AddressMatch(AddressMatch.Role.SENDER, "+491701", "+491701", "blocklist", 3,
                new EndpointEntry("+49170*", PatternType.WILDCARD, action, true, archive, true));
        return new EndpointMatch(action, Optional.of(m), List.of(m), true, archive, List.of());
    }

    static final List<Scanner> CONTENT = ScannerRegistry.standard().order();

    /** A content result where {@code finding} is the only non-clean result. */
    static ContentScanResult content(ContentVerdict verdict, Reason reason, String detail, List<Integer> strip,
                                     ScanResult finding) {
        List<ScanResult> results = new ArrayList<>();
        for (Scanner s : CONTENT) {
            results.add(finding != null && finding.scanner().equals(s) ? finding
                    : new ScanResult(s, ScanOutcome.CLEAN, null, null));
        }
        return new ContentScanResult(verdict, reason, detail, strip, false, null, results);
    }

    /** What the standard scanners report for a message that an EXEMPT endpoint entry exempts from scanning. */
    static ContentScanResult exempt(String endpointDetail) {
        return ScanProfileMapper.pipeline(profile().build(), ScannerRegistry.standard(),
                new ScanEnvironment(content -> Optional.empty())).value().exempt(endpointDetail);
    }

    static ContentScanResult clean() {
        return content(ContentVerdict.PASS, Reason.NONE, null, List.of(), null);
    }

    static ContentScanResult virus(ContentVerdict verdict, List<Integer> strip) {
        return content(verdict, Reason.VIRUS, "Eicar-Test-Signature", strip,
                new ScanResult(Scanner.ANTIVIRUS, ScanOutcome.BLOCK, "Eicar-Test-Signature", 1));
    }

    static ThresholdResult hit(int index, long count, ThresholdAction... actions) {
        return new ThresholdResult(index, 60, 100, count, true, Set.of(actions), OptionalLong.empty());
    }

    static ThresholdResult under(int index, long count) {
        return new ThresholdResult(index, 60, 100, count, false, Set.of(), OptionalLong.empty());
    }

    static Outcome outcome(ThresholdResult... results) {
        EnumSet<ThresholdAction> actions = EnumSet.noneOf(ThresholdAction.class);
        for (ThresholdResult r : results) {
            actions.addAll(r.actions());
        }
        return new Outcome(List.of(results), actions, actions.contains(ThresholdAction.BLOCK), OptionalLong.empty());
    }

    static Inspection inspection(MmsEnvelope env, MmsProfile profile, EndpointMatch endpoint,
                                 ContentScanResult content, Outcome flood, Outcome duplicate) {
        return new Inspection(env, map(profile), endpoint, content, Optional.ofNullable(flood),
                Optional.ofNullable(duplicate), duplicate == null ? null : "c".repeat(64));
    }

    static Inspection inspection(ContentScanResult content) {
        return inspection(envelope().build(), profile().build(), noEndpoint(), content, null, null);
    }
}
