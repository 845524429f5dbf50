package io.mmsguard.inspection.av;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mmsguard.inspection.scan.ContentTypeDetector;

/**
 * The ClamAV target types (the second field of an {@code .ndb} line, {@code Target:} of an {@code .ldb} one) a part's
 * content may be, told by {@link ContentTypeDetector} from its first bytes. A type the detector recognises maps to
 * its target; an archive to every target, since clamd applies target-typed signatures to the files inside it; content
 * the detector does not recognise to the targets it cannot tell apart (HTML, mail, ASCII text, Flash).
 */
final class ClamavTargets {
    /** Every target; 0 (any file) is in every part's set anyway. */
    static final Set<Integer> ALL = Set.of(1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12);
    private static final Set<Integer> UNRECOGNISED = Set.of(3, 4, 7, 11);
    private static final Map<String, Integer> BY_MEDIA_TYPE = Map.ofEntries(
            Map.entry(ContentTypeDetector.PE, 1),
            Map.entry(ContentTypeDetector.OLE, 2),
            Map.entry(ContentTypeDetector.JPEG, 5),
            Map.entry(ContentTypeDetector.PNG, 5),
            Map.entry(ContentTypeDetector.GIF, 5),
            Map.entry(ContentTypeDetector.ELF, 6),
            Map.entry(ContentTypeDetector.SCRIPT, 7),
            Map.entry(ContentTypeDetector.MACH_O, 9),
            Map.entry(ContentTypeDetector.PDF, 10),
            Map.entry(ContentTypeDetector.JAVA_CLASS, 12));

    private final ContentTypeDetector detector;

    ClamavTargets(ContentTypeDetector detector) {
        this.detector = detector;
    }

    /** The targets {@code content} may be. */
    Set<Integer> of(byte[] content) {
        Optional<ContentTypeDetector.Detected> detected = detector.detect(content);
        if (detected.isEmpty()) {
            return UNRECOGNISED;
        }
        if (detected.get().family() == ContentTypeDetector.Family.ARCHIVE) {
            return ALL;
        }
        Integer target = BY_MEDIA_TYPE.get(detected.get().mediaType());
        return target == null ? UNRECOGNISED : Set.of(target);
    }
}
