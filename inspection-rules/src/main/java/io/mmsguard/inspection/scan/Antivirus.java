package io.mmsguard.inspection.scan;

import java.util.Objects;
import java.util.Optional;

/** Antivirus step over one part: turns the {@link VirusScanner}'s three answers into one value, never a throw. */
public final class Antivirus {

    /** CLEAN, VIRUS (detail = virus name), FAILED (detail = error text), NOT_INLINE (no content to scan). */
    public enum Status { CLEAN, VIRUS, FAILED, NOT_INLINE }

    public record Result(Status status, String detail) {
    }

    private final VirusScanner scanner;

    public Antivirus(VirusScanner scanner) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
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
