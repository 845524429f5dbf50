package io.mmsguard.inspection.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The content scans of one profile, in the order of the scanner registry (the architecture's order: oversize, file
 * filter, antivirus, banned words, checksum list). Built once per profile version, then thread-safe since the
 * scanners are.
 * <p>
 * Every scanner reports {@link ScanFinding}s; the policy is applied here, in one place, to all of them alike:
 * <ul>
 * <li>A message-level block stops the pipeline: later scanners are reported SKIPPED ("earlier block", or what the
 * blocking scanner says, e.g. "oversize block") rather than run, because the verdict cannot change and antivirus is
 * the expensive step. Within a scanner every part is evaluated, so the inspection log lists every part finding. A
 * PASS_UNSCANNED finding (oversize pass) stops the pipeline the same way.</li>
 * <li>With removeBlocked, a part BLOCK finding (file filter, virus, checksum) strips the part and the pipeline goes on
 * without it: a stripped part is never sent to a later scanner. A message BLOCK finding (banned words score the
 * message) always blocks the whole message.</li>
 * <li>monitorOnly turns the BLOCK findings of a {@link ContentScanner#monitorable() monitorable} scanner (file filter,
 * antivirus, banned words) into MATCH; checksum and oversize blocks still block (the Avro {@code monitorOnly} doc
 * names only the three).</li>
 * <li>A scanner error (virus scanner failed, regex budget exceeded) gives SCAN_FAILED unless something blocks: a
 * definite block wins over "unknown". SCAN_FAILED also wins over STRIP, because the remaining parts are unvouched.</li>
 * <li>Members a scanner unpacked from a part ({@link ScanReport#members()}) are seen by every later scanner like parts,
 * under the index of the part they came from: a finding about a member strips (removeBlocked) or blocks that part,
 * and a stripped part's members go with it.</li>
 * <li>Parts that an enabled scanner {@link ContentScanner#reads reads} but the gateway did not send inline count as
 * oversize, after every scanner had its chance to block ({@link ContentScanner#unread}).</li>
 * </ul>
 * Verdict precedence: BLOCK, SCAN_FAILED, STRIP, PASS_UNSCANNED, PASS.
 * <p>
 * All REGEX patterns of one message (file filter, banned words, and the endpoint entries when the caller passes the
 * same {@link RegexBudget}) share one step budget; a scanner that finds it spent reports an ERROR finding.
 */
public final class ContentScanPipeline {

    private final ScanProfile profile;
    private final List<ContentScanner> scanners;
    private final RegexLimits regexLimits;

    /**
     * @param profile  the settings the pipeline and the built-in scanners share (per interface: the on/off switches,
     *                 monitorOnly, removeBlocked, the oversize limit)
     * @param scanners in the order they run, each name once
     * @throws IllegalArgumentException when the profile does not validate or a name repeats
     */
    public ContentScanPipeline(ScanProfile profile, List<ContentScanner> scanners) {
        this(profile, scanners, RegexLimits.DEFAULT);
    }

    /** @param regexLimits sizes the regex budget of a message when {@link #scan(ScanRequest)} is not given one */
    public ContentScanPipeline(ScanProfile profile, List<ContentScanner> scanners, RegexLimits regexLimits) {
        Set<Scanner> names = new HashSet<>();
        for (ContentScanner s : scanners) {
            if (!names.add(s.id())) {
                throw new IllegalArgumentException("scanner " + s.id() + " is registered twice");
            }
        }
        this.profile = profile.requireValid();
        this.scanners = List.copyOf(scanners);
        this.regexLimits = Objects.requireNonNull(regexLimits, "regexLimits");
    }

    /** The scanners' names in the order they run. */
    public List<Scanner> order() {
        return scanners.stream().map(ContentScanner::id).toList();
    }

    /** The result for a message that an endpoint entry with action EXEMPT exempts from all scanning. */
    public ContentScanResult exempt(String endpointDetail) {
        List<ScanResult> results = order().stream()
                .map(s -> ScanResult.message(s, ScanOutcome.EXEMPT, endpointDetail)).toList();
        return new ContentScanResult(ContentVerdict.PASS, Reason.NONE, null, List.of(), false, null, results);
    }

    /** Scans with a regex budget of its own, sized for the message. */
    public ContentScanResult scan(ScanRequest request) {
        Objects.requireNonNull(request, "request");
        return scan(request, RegexBudget.forMessage(regexLimits, request));
    }

    /** @param regexBudget the message's regex budget, shared with whatever else evaluated patterns on it */
    public ContentScanResult scan(ScanRequest request, RegexBudget regexBudget) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(regexBudget, "regexBudget");
        return new Run(request, profile.settings(request.mmsInterface()), regexBudget).execute();
    }

    /** State of one scan; not shared between threads. */
    private final class Run {
        private final ScanRequest request;
        private final ScanSettings settings;
        private final RegexBudget regexBudget;
        private final List<ScanResult> results = new ArrayList<>();
        private final TreeSet<Integer> strip = new TreeSet<>();
        private final List<ScanPart> members = new ArrayList<>();
        private ScanFinding block;
        private ScanFinding unscanned;
        private String skipLater;
        private Reason stripReason;
        private String stripDetail;
        private String failedDetail;
        private boolean quarantine;
        private BannedWordScore bannedWords;

        Run(ScanRequest request, ScanSettings settings, RegexBudget regexBudget) {
            this.request = request;
            this.settings = settings;
            this.regexBudget = regexBudget;
        }

        ContentScanResult execute() {
            List<ContentScanner> ran = new ArrayList<>();
            for (ContentScanner scanner : scanners) {
                if (skipLater != null) {
                    results.add(ScanResult.message(scanner.id(), ScanOutcome.SKIPPED, skipLater));
                    continue;
                }
                ScanContext context = context();
                if (!scanner.enabled(context)) {
                    results.add(ScanResult.message(scanner.id(), ScanOutcome.SKIPPED, "disabled"));
                    continue;
                }
                ran.add(scanner);
                apply(scanner, scanner.scan(context));
            }
            if (block == null && unscanned == null) {
                unread(ran);
            }
            if (block != null) {
                return finish(ContentVerdict.BLOCK, block.reason(), block.detail());
            }
            if (failedDetail != null) {
                return finish(ContentVerdict.SCAN_FAILED, Reason.SCANNER_FAILURE, failedDetail);
            }
            if (!strip.isEmpty()) {
                return finish(ContentVerdict.STRIP, stripReason, stripDetail);
            }
            if (unscanned != null) {
                return finish(ContentVerdict.PASS_UNSCANNED, unscanned.reason(), unscanned.detail());
            }
            return finish(ContentVerdict.PASS, Reason.NONE, null);
        }

        private ScanContext context() {
            List<ScanPart> parts = new ArrayList<>(request.parts());
            parts.addAll(members);
            return new ScanContext(request, settings,
                    parts.stream().filter(p -> !strip.contains(p.index())).toList(), regexBudget);
        }

        private void apply(ContentScanner scanner, ScanReport report) {
            if (report.evidence() instanceof BannedWordScore score) {
                bannedWords = score;
            }
            members.addAll(report.members());
            if (report.findings().isEmpty()) {
                results.add(ScanResult.message(scanner.id(), ScanOutcome.CLEAN, null));
            }
            for (ScanFinding f : report.findings()) {
                results.add(new ScanResult(scanner.id(), outcome(scanner, f), f.detail(), f.partIndex()));
                switch (f.action()) {
                    case CLEAN, MATCH, SKIPPED -> {
                    }
                    case QUARANTINE -> quarantine = true;
                    case ERROR -> failed(scanner, f);
                    case PASS_UNSCANNED -> stop(f, report);
                    case BLOCK -> {
                        if (scanner.monitorable() && settings.monitorOnly()) {
                            continue;
                        }
                        if (f.partIndex() != null && settings.removeBlocked()) {
                            strip(f);
                        } else {
                            stop(f, report);
                        }
                    }
                }
            }
        }

        private ScanOutcome outcome(ContentScanner scanner, ScanFinding f) {
            return switch (f.action()) {
                case CLEAN -> ScanOutcome.CLEAN;
                case MATCH, QUARANTINE, PASS_UNSCANNED -> ScanOutcome.MATCH;
                case BLOCK -> scanner.monitorable() && settings.monitorOnly() ? ScanOutcome.MATCH : ScanOutcome.BLOCK;
                case ERROR -> ScanOutcome.ERROR;
                case SKIPPED -> ScanOutcome.SKIPPED;
            };
        }

        /** The first block (or pass-unscanned) sets the verdict; later scanners are skipped. */
        private void stop(ScanFinding f, ScanReport report) {
            if (f.action() == ScanFinding.Action.BLOCK) {
                block = block == null ? f : block;
            } else {
                unscanned = unscanned == null ? f : unscanned;
            }
            skipLater = skipLater == null ? report.skipLater() : skipLater;
        }

        private void strip(ScanFinding f) {
            strip.add(f.partIndex());
            if (stripReason == null) {
                stripReason = f.reason();
                stripDetail = f.detail();
            }
        }

        private void failed(ContentScanner scanner, ScanFinding f) {
            if (failedDetail == null) {
                failedDetail = scanner.id() + ": " + f.detail();
            }
        }

        /** What the scanners that ran had to read but the gateway did not send inline counts as oversize. */
        private void unread(List<ContentScanner> ran) {
            ScanContext context = context();
            List<Integer> missing = context.parts().stream()
                    .filter(p -> !p.hasContent() && ran.stream().anyMatch(s -> s.reads(p)))
                    .map(ScanPart::index).toList();
            if (missing.isEmpty()) {
                return;
            }
            for (ContentScanner scanner : ran) {
                Optional<ScanFinding> verdict = scanner.unread(missing, context);
                if (verdict.isPresent()) {
                    ScanFinding f = verdict.get();
                    replaceMessageResult(scanner, new ScanResult(scanner.id(), outcome(scanner, f), f.detail(), null));
                    if (f.action() == ScanFinding.Action.BLOCK) {
                        block = f;
                    } else if (f.action() == ScanFinding.Action.PASS_UNSCANNED) {
                        unscanned = f;
                    }
                    return;
                }
            }
        }

        private void replaceMessageResult(ContentScanner scanner, ScanResult replacement) {
            for (int i = 0; i < results.size(); i++) {
                ScanResult r = results.get(i);
                if (r.scanner().equals(scanner.id()) && r.partIndex() == null) {
                    results.set(i, replacement);
                    return;
                }
            }
            results.add(replacement);
        }

        private ContentScanResult finish(ContentVerdict verdict, Reason reason, String detail) {
            return new ContentScanResult(verdict, reason, detail, List.copyOf(strip), quarantine, bannedWords,
                    results);
        }
    }
}
