package io.mmsguard.inspection.scan;

import java.util.List;
import java.util.Objects;

/**
 * The uniform result of one {@link ContentScanner} run (what {@code HookResult} is to an Apache James hook).
 *
 * @param findings  in the order the inspection log lists them; empty means the scanner ran and found nothing
 * @param skipLater what the later scanners are reported SKIPPED with when a finding here stops the pipeline
 * @param evidence  what the scanner keeps whole for later stages beyond its findings' details, or null
 * @param members   parts the scanner found inside the message's parts (archive members, {@link ScanPart#isMember()}),
 *                  which every later scanner sees besides the message's own parts; usually empty
 */
public record ScanReport(List<ScanFinding> findings, String skipLater, ScanEvidence evidence, List<ScanPart> members) {

    public static final String EARLIER_BLOCK = "earlier block";

    public ScanReport {
        findings = List.copyOf(findings);
        Objects.requireNonNull(skipLater, "skipLater");
        members = List.copyOf(members);
        if (!members.stream().allMatch(ScanPart::isMember)) {
            throw new IllegalArgumentException("a member needs its path");
        }
    }

    public ScanReport(List<ScanFinding> findings, String skipLater, ScanEvidence evidence) {
        this(findings, skipLater, evidence, List.of());
    }

    public static ScanReport of(List<ScanFinding> findings) {
        return new ScanReport(findings, EARLIER_BLOCK, null);
    }

    public static ScanReport of(ScanFinding... findings) {
        return of(List.of(findings));
    }

    /** The same findings; a stop they cause is reported to the later scanners as {@code detail}. */
    public ScanReport skippingLaterAs(String detail) {
        return new ScanReport(findings, detail, evidence, members);
    }

    public ScanReport withEvidence(ScanEvidence value) {
        return new ScanReport(findings, skipLater, value, members);
    }

    /** The same findings; the later scanners also see {@code found}. */
    public ScanReport withMembers(List<ScanPart> found) {
        return new ScanReport(findings, skipLater, evidence, found);
    }
}
