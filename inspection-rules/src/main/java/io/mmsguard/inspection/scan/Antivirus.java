package io.mmsguard.inspection.scan;

import java.util.Objects;
import java.util.Optional;

/**
 * Antivirus: every part through the {@link VirusScanner}, whose three answers (clean, a virus name, a failure) become
 * one value per part, never a throw. A part without inline content is reported SKIPPED here; the size check then
 * treats the message as oversize.
 */
public final class Antivirus implements PartScanner {

    /** CLEAN, VIRUS (detail = virus name), FAILED (detail = error text), NOT_INLINE (no content to scan). */
    public enum Status { CLEAN, VIRUS, FAILED, NOT_INLINE }

    public record Result(Status status, String detail) {
    }

    private final VirusScanner scanner;

    public Antivirus(VirusScanner scanner) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
    }

    @Override
    public Scanner id() {
        return Scanner.ANTIVIRUS;
    }

    @Override
    public boolean enabled(ScanContext context) {
        return context.settings().antivirus();
    }

    @Override
    public boolean monitorable() {
        return true;
    }

    @Override
    public boolean reads(ScanPart part) {
        return true;
    }

    @Override
    public Optional<ScanFinding> scanPart(ScanPart part, ScanContext context) {
        Result r = scan(part);
        return switch (r.status()) {
            case CLEAN -> Optional.empty();
            case NOT_INLINE -> Optional.of(ScanFinding.skipped(part.index(), r.detail()));
            case FAILED -> Optional.of(ScanFinding.error(part.index(), "scan failed: " + r.detail()));
            case VIRUS -> Optional.of(ScanFinding.block(Reason.VIRUS, part.index(), r.detail()));
        };
    }

    public Result scan(ScanPart part) {
        if (!part.hasContent()) {
            return new Result(Status.NOT_INLINE, "content not inline");
        }
        try {
            Optional<String> virus = scanner.scan(part.content());
            return virus.map(v -> new Result(Status.VIRUS, v)).orElse(new Result(Status.CLEAN, null));
        } catch (ScanFailedException e) {
            return new Result(Status.FAILED, e.getMessage());
        }
    }
}
