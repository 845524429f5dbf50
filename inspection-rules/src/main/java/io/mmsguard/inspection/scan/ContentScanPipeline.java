package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The content scans of one profile in the architecture's order: oversize, file filter, antivirus, banned words,
 * checksum list. Built once per profile version (patterns are compiled here), then thread-safe if the
 * {@link VirusScanner} is.
 * <p>
 * Policy, in one place:
 * <ul>
 * <li>A message-level block stops the pipeline: later scanners are reported SKIPPED ("earlier block") rather than run,
 * because the verdict cannot change and antivirus is the expensive step. Within a scanner every part is evaluated, so
 * the inspection log lists every part finding.</li>
 * <li>With removeBlocked, a part finding (file filter BLOCK, virus, checksum) strips the part and the pipeline goes on
 * without it: a stripped part is never sent to a later scanner. Banned words score the message, so they always block
 * the whole message.</li>
 * <li>monitorOnly turns file filter, virus and banned-word blocks into MATCH; checksum matches still block (the Avro
 * {@code monitorOnly} doc names only the three).</li>
 * <li>A scanner error (virus scanner failed, regex budget exceeded) gives SCAN_FAILED unless something blocks: a
 * definite block wins over "unknown". SCAN_FAILED also wins over STRIP, because the remaining parts are unvouched.</li>
 * </ul>
 */
public final class ContentScanPipeline {

    private static final List<Scanner> ORDER =
            List.of(Scanner.OVERSIZE, Scanner.FILE_FILTER, Scanner.ANTIVIRUS, Scanner.BANNED_WORDS, Scanner.CHECKSUM);

    private final ScanProfile profile;
    private final FileFilter fileFilter;
    private final Antivirus antivirus;
    private final BannedWordScanner bannedWords;
    private final ChecksumScanner checksums;

    /** @throws IllegalArgumentException when the profile does not validate */
    public ContentScanPipeline(ScanProfile profile, VirusScanner virusScanner, RegexLimits limits) {
        List<ValidationProblem> problems = profile.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid scan profile: " + problems);
        }
        this.profile = profile;
        this.fileFilter = new FileFilter(profile.fileFilter(), limits);
        this.antivirus = new Antivirus(virusScanner);
        this.bannedWords = new BannedWordScanner(profile.bannedWordThreshold(), profile.bannedWords(), limits);
        this.checksums = new ChecksumScanner(profile.checksums());
    }

    public ContentScanPipeline(ScanProfile profile, VirusScanner virusScanner) {
        this(profile, virusScanner, RegexLimits.DEFAULT);
    }

    /** The result for a message that an endpoint entry with action EXEMPT exempts from all scanning. */
    public static ContentScanResult exempt(String endpointDetail) {
        List<ScanResult> results = ORDER.stream().map(s -> ScanResult.message(s, ScanOutcome.EXEMPT, endpointDetail))
                .toList();
        return new ContentScanResult(ContentVerdict.PASS, Reason.NONE, null, List.of(), false, null, results);
    }

    public ContentScanResult scan(ScanRequest request) {
        Objects.requireNonNull(request, "request");
        Run run = new Run(request, profile.settings(request.mmsInterface()));
        return run.execute();
    }

    /** State of one scan; not shared between threads. */
    private final class Run {
        private final ScanRequest request;
        private final ScanSettings settings;
        private final List<ScanResult> results = new ArrayList<>();
        private final TreeSet<Integer> strip = new TreeSet<>();
        private Reason blockReason;
        private String blockDetail;
        private Reason stripReason;
        private String stripDetail;
        private boolean failed;
        private String failedDetail;
        private boolean quarantine;
        private BannedWordScore score;

        Run(ScanRequest request, ScanSettings settings) {
            this.request = request;
            this.settings = settings;
        }

        ContentScanResult execute() {
            Oversize.Status size = Oversize.check(request.originalSize(), settings);
            String sizeDetail = Oversize.describe(request.originalSize(), settings);
            switch (size) {
                case BLOCK -> {
                    results.add(ScanResult.message(Scanner.OVERSIZE, ScanOutcome.BLOCK, sizeDetail));
                    skipFrom(Scanner.FILE_FILTER, "oversize block");
                    return finish(ContentVerdict.BLOCK, Reason.OVERSIZE, sizeDetail);
                }
                case PASS_UNSCANNED -> {
                    results.add(ScanResult.message(Scanner.OVERSIZE, ScanOutcome.MATCH, sizeDetail));
                    skipFrom(Scanner.FILE_FILTER, "oversize pass");
                    return finish(ContentVerdict.PASS_UNSCANNED, Reason.OVERSIZE, sizeDetail);
                }
                case WITHIN -> results.add(ScanResult.message(Scanner.OVERSIZE, ScanOutcome.CLEAN, null));
            }
            runStep(Scanner.FILE_FILTER, settings.fileFilter(), this::fileFilter);
            runStep(Scanner.ANTIVIRUS, settings.antivirus(), this::antivirus);
            runStep(Scanner.BANNED_WORDS, settings.bannedWords(), this::bannedWords);
            runStep(Scanner.CHECKSUM, settings.checksum(), this::checksum);
            if (blockReason != null) {
                return finish(ContentVerdict.BLOCK, blockReason, blockDetail);
            }
            String blind = notInline();
            if (blind != null) {
                boolean block = settings.oversizeAction() != OversizeAction.PASS_UNSCANNED;
                results.set(0, ScanResult.message(Scanner.OVERSIZE, block ? ScanOutcome.BLOCK : ScanOutcome.MATCH,
                        blind));
                if (block) {
                    return finish(ContentVerdict.BLOCK, Reason.OVERSIZE, blind);
                }
            }
            if (failed) {
                return finish(ContentVerdict.SCAN_FAILED, Reason.SCANNER_FAILURE, failedDetail);
            }
            if (!strip.isEmpty()) {
                return finish(ContentVerdict.STRIP, stripReason, stripDetail);
            }
            if (blind != null) {
                return finish(ContentVerdict.PASS_UNSCANNED, Reason.OVERSIZE, blind);
            }
            return finish(ContentVerdict.PASS, Reason.NONE, null);
        }

        /**
         * The gateway leaves out the content of a message over its inline limit (MmsPart.content is null). What the
         * antivirus and banned words cannot read counts as oversize (the contract's rule), after the scanners that
         * need no content (file names and types, the CRC32 list, the subject) had their chance to block.
         *
         * @return why the message is treated as oversize, or null when every part that needs reading was read
         */
        private String notInline() {
            List<Integer> missing = remainingParts().stream()
                    .filter(p -> !p.hasContent()
                            && (settings.antivirus() || settings.bannedWords() && TextDecoder.isText(p)))
                    .map(ScanPart::index).toList();
            return missing.isEmpty() ? null
                    : "parts " + missing + " not inline (over the gateway's inline limit): treated as oversize";
        }

        private void runStep(Scanner scanner, boolean enabled, Runnable step) {
            if (blockReason != null) {
                results.add(ScanResult.message(scanner, ScanOutcome.SKIPPED, "earlier block"));
            } else if (!enabled) {
                results.add(ScanResult.message(scanner, ScanOutcome.SKIPPED, "disabled"));
            } else {
                int before = results.size();
                step.run();
                if (results.size() == before) {
                    results.add(ScanResult.message(scanner, ScanOutcome.CLEAN, null));
                }
            }
        }

        private void skipFrom(Scanner first, String why) {
            ORDER.subList(ORDER.indexOf(first), ORDER.size())
                    .forEach(s -> results.add(ScanResult.message(s, ScanOutcome.SKIPPED, why)));
        }

        private List<ScanPart> remainingParts() {
            return request.parts().stream().filter(p -> !strip.contains(p.index())).toList();
        }

        private void fileFilter() {
            for (ScanPart part : remainingParts()) {
                fileFilter.evaluate(part).ifPresent(m -> {
                    FileFilterEntry e = m.entry();
                    if (m.budgetExceeded()) {
                        error(Scanner.FILE_FILTER, "regex budget exceeded: " + e.describe(), part.index());
                    } else if (e.action() == FileFilterAction.ALLOW) {
                        results.add(new ScanResult(Scanner.FILE_FILTER, ScanOutcome.CLEAN, e.describe(), part.index()));
                    } else if (e.action() == FileFilterAction.INTERCEPT) {
                        quarantine = true;
                        results.add(new ScanResult(Scanner.FILE_FILTER, ScanOutcome.MATCH, e.describe(), part.index()));
                    } else {
                        partFinding(Scanner.FILE_FILTER, Reason.FILE_FILTER, e.describe(), part.index(), true);
                    }
                });
            }
        }

        private void antivirus() {
            for (ScanPart part : remainingParts()) {
                Antivirus.Result r = antivirus.scan(part);
                switch (r.status()) {
                    case CLEAN -> {
                    }
                    case NOT_INLINE -> results.add(
                            new ScanResult(Scanner.ANTIVIRUS, ScanOutcome.SKIPPED, r.detail(), part.index()));
                    case FAILED -> error(Scanner.ANTIVIRUS, "scan failed: " + r.detail(), part.index());
                    case VIRUS -> partFinding(Scanner.ANTIVIRUS, Reason.VIRUS, r.detail(), part.index(), true);
                }
            }
        }

        private void bannedWords() {
            List<BannedWordScanner.Text> texts = new ArrayList<>();
            if (request.subject() != null) {
                texts.add(new BannedWordScanner.Text(null, request.subject()));
            }
            for (ScanPart part : remainingParts()) {
                if (part.hasContent() && TextDecoder.isText(part)) {
                    texts.add(new BannedWordScanner.Text(part.index(), TextDecoder.decode(part)));
                }
            }
            score = bannedWords.score(texts);
            for (BannedWord w : score.budgetExceeded()) {
                error(Scanner.BANNED_WORDS, "regex budget exceeded: " + w.pattern(), null);
            }
            if (score.blocked() && !settings.monitorOnly()) {
                results.add(ScanResult.message(Scanner.BANNED_WORDS, ScanOutcome.BLOCK, score.describe()));
                block(Reason.BANNED_WORDS, score.describe());
            } else if (!score.matched().isEmpty()) {
                results.add(ScanResult.message(Scanner.BANNED_WORDS, ScanOutcome.MATCH, score.describe()));
            } else if (score.budgetExceeded().isEmpty()) {
                results.add(ScanResult.message(Scanner.BANNED_WORDS, ScanOutcome.CLEAN, score.describe()));
            }
        }

        private void checksum() {
            for (ScanPart part : remainingParts()) {
                checksums.match(part, request.partCrc32()).ifPresent(e ->
                        partFinding(Scanner.CHECKSUM, Reason.CHECKSUM, e.describe(), part.index(), false));
            }
        }

        private void partFinding(Scanner scanner, Reason reason, String detail, int partIndex, boolean monitorable) {
            if (monitorable && settings.monitorOnly()) {
                results.add(new ScanResult(scanner, ScanOutcome.MATCH, detail, partIndex));
                return;
            }
            results.add(new ScanResult(scanner, ScanOutcome.BLOCK, detail, partIndex));
            if (settings.removeBlocked()) {
                strip.add(partIndex);
                if (stripReason == null) {
                    stripReason = reason;
                    stripDetail = detail;
                }
            } else {
                block(reason, detail);
            }
        }

        private void block(Reason reason, String detail) {
            if (blockReason == null) {
                blockReason = reason;
                blockDetail = detail;
            }
        }

        private void error(Scanner scanner, String detail, Integer partIndex) {
            results.add(new ScanResult(scanner, ScanOutcome.ERROR, detail, partIndex));
            if (!failed) {
                failed = true;
                failedDetail = scanner + ": " + detail;
            }
        }

        private ContentScanResult finish(ContentVerdict verdict, Reason reason, String detail) {
            return new ContentScanResult(verdict, reason, detail, List.copyOf(strip), quarantine, score, results);
        }
    }
}
