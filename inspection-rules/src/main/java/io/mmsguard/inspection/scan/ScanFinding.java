package io.mmsguard.inspection.scan;

import java.util.Objects;

/**
 * One thing a {@link ContentScanner} found, about the whole message ({@code partIndex} null) or one part. It says
 * what the scanner saw, not what happens to the message: {@link ContentScanPipeline} applies monitorOnly,
 * removeBlocked and the verdict precedence to every scanner's findings alike.
 *
 * @param reason why a BLOCK or PASS_UNSCANNED finding blocks or passes the message; null for the other actions
 * @param detail what the inspection log and "explain" show (virus name, matched entry, error text), or null
 */
public record ScanFinding(Action action, Reason reason, String detail, Integer partIndex) {

    /** What the finding asks of the pipeline; each maps to one {@link ScanOutcome}. */
    public enum Action {
        /** Looked and found nothing worth reporting beyond the detail (e.g. a file filter ALLOW entry). */
        CLEAN,
        /** Found something that does not block by itself (a banned-word score under the threshold). */
        MATCH,
        /** Found something to deliver and archive a quarantine copy of (file filter INTERCEPT); logged as MATCH. */
        QUARANTINE,
        /**
         * Blocks: a part finding strips the part under removeBlocked, otherwise it blocks the message, as a message
         * finding always does; monitorOnly turns it into a MATCH when the scanner is {@link
         * ContentScanner#monitorable() monitorable}.
         */
        BLOCK,
        /** The message passes without being scanned further (oversize pass); logged as MATCH. Message only. */
        PASS_UNSCANNED,
        /** Could not reach a verdict (scanner down, regex budget exceeded): SCAN_FAILED unless something blocks. */
        ERROR,
        /** Did not look at this part (its content is not inline); logged as SKIPPED. */
        SKIPPED
    }

    public ScanFinding {
        Objects.requireNonNull(action, "action");
        if ((action == Action.BLOCK || action == Action.PASS_UNSCANNED) && reason == null) {
            throw new IllegalArgumentException(action + " needs a reason");
        }
        if (action == Action.PASS_UNSCANNED && partIndex != null) {
            throw new IllegalArgumentException("PASS_UNSCANNED is about the whole message");
        }
    }

    public static ScanFinding clean(Integer partIndex, String detail) {
        return new ScanFinding(Action.CLEAN, null, detail, partIndex);
    }

    public static ScanFinding match(Integer partIndex, String detail) {
        return new ScanFinding(Action.MATCH, null, detail, partIndex);
    }

    public static ScanFinding quarantine(Integer partIndex, String detail) {
        return new ScanFinding(Action.QUARANTINE, null, detail, partIndex);
    }

    public static ScanFinding block(Reason reason, Integer partIndex, String detail) {
        return new ScanFinding(Action.BLOCK, reason, detail, partIndex);
    }

    public static ScanFinding passUnscanned(Reason reason, String detail) {
        return new ScanFinding(Action.PASS_UNSCANNED, reason, detail, null);
    }

    public static ScanFinding error(Integer partIndex, String detail) {
        return new ScanFinding(Action.ERROR, null, detail, partIndex);
    }

    public static ScanFinding skipped(Integer partIndex, String detail) {
        return new ScanFinding(Action.SKIPPED, null, detail, partIndex);
    }
}
