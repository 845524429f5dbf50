package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file filter (FortiCarrier 1.13): enabled FILE_NAME entries in order, then enabled CONTENT_TYPE entries in order;
 * the first match decides. A part without a file name is only seen by CONTENT_TYPE entries. The content type is the
 * part's declared {@link ScanPart#contentType()} and, when the content's magic number names another one, the type
 * {@link ContentTypeDetector} finds: both are evaluated and the stricter outcome wins (BLOCK, then a regex guard that
 * gave up, then INTERCEPT, then ALLOW), so declaring an executable {@code text/plain} does not get it past a
 * CONTENT_TYPE entry.
 */
public final class FileFilter implements PartScanner {

    /** The entry that decided, or a REGEX entry whose guard gave up (then the part counts as not matched). */
    public record Match(FileFilterEntry entry, boolean budgetExceeded, String detectedType) {

        public Match(FileFilterEntry entry, boolean budgetExceeded) {
            this(entry, budgetExceeded, null);
        }

        /** What the log shows: the entry, and the detected type when that one, not the declared one, matched. */
        String describe() {
            return entry.describe() + (detectedType == null ? "" : " on the detected type " + detectedType);
        }

        private int severity() {
            if (budgetExceeded) {
                return 3;
            }
            return switch (entry.action()) {
                case BLOCK -> 4;
                case INTERCEPT -> 2;
                case ALLOW -> 1;
            };
        }
    }

    private record Compiled(FileFilterEntry entry, ValuePattern pattern) {
    }

    private final List<Compiled> entries;
    private final ContentTypeDetector detector;

    public FileFilter(List<FileFilterEntry> entries) {
        this(entries, new ContentTypeDetector());
    }

    public FileFilter(List<FileFilterEntry> entries, ContentTypeDetector detector) {
        this.detector = detector;
        List<Compiled> byName = new ArrayList<>();
        List<Compiled> byType = new ArrayList<>();
        for (FileFilterEntry e : entries) {
            if (e.enabled()) {
                Compiled c = new Compiled(e, ValuePattern.compile(e.pattern(), e.patternType()));
                (e.matchOn() == FileFilterMatch.FILE_NAME ? byName : byType).add(c);
            }
        }
        byName.addAll(byType);
        this.entries = List.copyOf(byName);
    }

    @Override
    public Scanner id() {
        return Scanner.FILE_FILTER;
    }

    @Override
    public boolean enabled(ScanContext context) {
        return context.settings().fileFilter();
    }

    @Override
    public boolean monitorable() {
        return true;
    }

    /** CONTENT_TYPE entries are also matched against the type detected from the content, so they need it. */
    @Override
    public boolean reads(ScanPart part) {
        return entries.stream().anyMatch(FileFilter::isType);
    }

    /** ALLOW is reported CLEAN with its entry, INTERCEPT asks for quarantine, BLOCK blocks the part. */
    @Override
    public Optional<ScanFinding> scanPart(ScanPart part, ScanContext context) {
        return evaluate(part, context.regexBudget()).map(m -> {
            FileFilterEntry e = m.entry();
            if (m.budgetExceeded()) {
                return ScanFinding.error(part.index(), "regex budget exceeded: " + m.describe());
            }
            return switch (e.action()) {
                case ALLOW -> ScanFinding.clean(part.index(), m.describe());
                case INTERCEPT -> ScanFinding.quarantine(part.index(), m.describe());
                case BLOCK -> ScanFinding.block(Reason.FILE_FILTER, part.index(), m.describe());
            };
        });
    }

    /**
     * The deciding match for the declared type and, when it differs, the detected one: the stricter of the two.
     *
     * @param budget the message's regex budget, shared with its other patterns
     */
    public Optional<Match> evaluate(ScanPart part, RegexBudget budget) {
        String name = part.name() == null ? null : part.name().toLowerCase(Locale.ROOT);
        String declared = part.contentType().toLowerCase(Locale.ROOT);
        Optional<Match> byDeclared = evaluate(name, declared, null, budget);
        Optional<String> detected = part.hasContent()
                ? detector.detect(part.content()).map(ContentTypeDetector.Detected::mediaType) : Optional.empty();
        if (detected.isEmpty() || detected.get().equals(declared)) {
            return byDeclared;
        }
        Optional<Match> byDetected = evaluate(name, detected.get(), detected.get(), budget);
        if (byDetected.isEmpty()) {
            return byDeclared;
        }
        if (byDeclared.isEmpty() || byDetected.get().severity() > byDeclared.get().severity()) {
            return byDetected;
        }
        return byDeclared;
    }

    private Optional<Match> evaluate(String name, String type, String detectedType, RegexBudget budget) {
        for (Compiled c : entries) {
            String value = c.entry().matchOn() == FileFilterMatch.FILE_NAME ? name : type;
            if (value == null) {
                continue;
            }
            switch (c.pattern().match(value, budget)) {
                case MATCH -> {
                    return Optional.of(new Match(c.entry(), false, isType(c) ? detectedType : null));
                }
                case BUDGET_EXCEEDED -> {
                    return Optional.of(new Match(c.entry(), true, isType(c) ? detectedType : null));
                }
                case NO_MATCH -> {
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isType(Compiled c) {
        return c.entry().matchOn() == FileFilterMatch.CONTENT_TYPE;
    }

    public static List<ValidationProblem> validate(List<FileFilterEntry> entries) {
        List<ValidationProblem> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            FileFilterEntry e = entries.get(i);
            String path = "fileFilter[" + i + "]";
            problems.addAll(ValuePattern.validate(path, e.pattern(), e.patternType()));
            if (e.matchOn() == null) {
                problems.add(new ValidationProblem(path + ".matchOn", "is required"));
            }
            if (e.action() == null) {
                problems.add(new ValidationProblem(path + ".action", "is required"));
            }
        }
        return problems;
    }
}
