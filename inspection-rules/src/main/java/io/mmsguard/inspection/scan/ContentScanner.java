package io.mmsguard.inspection.scan;

import java.util.List;
import java.util.Optional;

/**
 * One content scan. A scanner reports what it found as {@link ScanFinding}s; it never applies the profile's policy
 * itself (monitorOnly, removeBlocked, which finding wins, what a failure means): {@link ContentScanPipeline} does that,
 * once, for every scanner. Built once per profile version, then used by every stream thread: implementations are immutable
 * and thread-safe, and report bad content as findings instead of throwing.
 *
 * <p>To add one: implement this, give it a settings record (see {@code profile.ScannerDefinition}) and register it in
 * {@code profile.ScannerRegistry}, at its place in the order.
 */
public interface ContentScanner {

    /** The name its results carry into the inspection log. */
    Scanner id();

    /** Whether the message's interface switches it on; a scanner that is off is reported SKIPPED ("disabled"). */
    boolean enabled(ScanContext context);

    /**
     * Whether monitorOnly turns its BLOCK findings into MATCH (FortiOS avmonitor, which the Avro {@code monitorOnly}
     * doc names for antivirus, file filter and banned words).
     */
    boolean monitorable();

    ScanReport scan(ScanContext context);

    /**
     * Whether it has to read this part's content. A part that some enabled scanner has to read but that the gateway
     * left out (over its inline limit) makes the message oversize, after every scanner had its chance to block.
     */
    default boolean reads(ScanPart part) {
        return false;
    }

    /**
     * The finding that replaces this scanner's message result when nothing blocked and the parts {@code unread} had
     * to be read but were not inline: BLOCK or PASS_UNSCANNED. Only the size check answers; the first scanner in the
     * order that does decides.
     */
    default Optional<ScanFinding> unread(List<Integer> unread, ScanContext context) {
        return Optional.empty();
    }
}
