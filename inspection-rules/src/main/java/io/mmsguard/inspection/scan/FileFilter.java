package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file filter (FortiCarrier 1.13): enabled FILE_NAME entries in order, then enabled CONTENT_TYPE entries in order;
 * the first match decides. A part without a file name is only seen by CONTENT_TYPE entries. The content type is the
 * part's {@link ScanPart#contentType()}; detecting it from the content is the caller's job.
 */
public final class FileFilter implements PartScanner {

    /** The entry that decided, or a REGEX entry whose guard gave up (then the part counts as not matched). */
    public record Match(FileFilterEntry entry, boolean budgetExceeded) {
    }

    private record Compiled(FileFilterEntry entry, ValuePattern pattern) {
    }

    private final List<Compiled> entries;

    public FileFilter(List<FileFilterEntry> entries) {
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

    /** ALLOW is reported CLEAN with its entry, INTERCEPT asks for quarantine, BLOCK blocks the part. */
    @Override
    public Optional<ScanFinding> scanPart(ScanPart part, ScanContext context) {
        return evaluate(part, context.regexBudget()).map(m -> {
            FileFilterEntry e = m.entry();
            if (m.budgetExceeded()) {
                return ScanFinding.error(part.index(), "regex budget exceeded: " + e.describe());
            }
            return switch (e.action()) {
                case ALLOW -> ScanFinding.clean(part.index(), e.describe());
                case INTERCEPT -> ScanFinding.quarantine(part.index(), e.describe());
                case BLOCK -> ScanFinding.block(Reason.FILE_FILTER, part.index(), e.describe());
            };
        });
    }

    /** @param budget the message's regex budget, shared with its other patterns */
    public Optional<Match> evaluate(ScanPart part, RegexBudget budget) {
        String name = part.name() == null ? null : part.name().toLowerCase(Locale.ROOT);
        String type = part.contentType().toLowerCase(Locale.ROOT);
        for (Compiled c : entries) {
            String value = c.entry().matchOn() == FileFilterMatch.FILE_NAME ? name : type;
            if (value == null) {
                continue;
            }
            switch (c.pattern().match(value, budget)) {
                case MATCH -> {
                    return Optional.of(new Match(c.entry(), false));
                }
                case BUDGET_EXCEEDED -> {
                    return Optional.of(new Match(c.entry(), true));
                }
                case NO_MATCH -> {
                }
            }
        }
        return Optional.empty();
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
