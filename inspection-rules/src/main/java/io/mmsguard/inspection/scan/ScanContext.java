package io.mmsguard.inspection.scan;

import java.util.List;

/**
 * What a {@link ContentScanner} sees of one message.
 *
 * @param request  the message as the gateway sent it (subject, size, interface, the gateway's part CRC32s)
 * @param settings the content-scan settings of the message's interface
 * @param parts    the parts still in the message, in order: a part an earlier scanner stripped (removeBlocked) is not
 *                 here, so no later scanner ever sees it
 * @param regexBudget the step budget every REGEX pattern evaluated on this message draws on
 */
public record ScanContext(ScanRequest request, ScanSettings settings, List<ScanPart> parts, RegexBudget regexBudget) {

    public ScanContext {
        parts = List.copyOf(parts);
        java.util.Objects.requireNonNull(regexBudget, "regexBudget");
    }
}
