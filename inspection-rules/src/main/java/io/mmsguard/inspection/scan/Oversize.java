package io.mmsguard.inspection.scan;

import java.util.List;
import java.util.Optional;

/**
 * Oversize check (A6): a message exactly at the limit is scanned; one byte more is oversize. Above the limit the
 * interface's oversizeAction blocks the message or passes it unscanned, and the later scanners are skipped. It is
 * also the scanner that judges parts the others had to read but the gateway did not send inline (the contract's
 * rule: they count as oversize).
 */
public final class Oversize implements ContentScanner {

    public enum Status { WITHIN, BLOCK, PASS_UNSCANNED }

    public static Status check(long originalSize, ScanSettings settings) {
        if (originalSize <= settings.oversizeLimitBytes()) {
            return Status.WITHIN;
        }
        return settings.oversizeAction() == OversizeAction.PASS_UNSCANNED ? Status.PASS_UNSCANNED : Status.BLOCK;
    }

    public static String describe(long originalSize, ScanSettings settings) {
        return originalSize + " bytes > " + settings.oversizeLimitKb() + " kB";
    }

    @Override
    public Scanner id() {
        return Scanner.OVERSIZE;
    }

    /** Always on: the limit protects the scanners after it. */
    @Override
    public boolean enabled(ScanContext context) {
        return true;
    }

    /** An oversize block is not a finding the avmonitor setting names. */
    @Override
    public boolean monitorable() {
        return false;
    }

    @Override
    public ScanReport scan(ScanContext context) {
        long size = context.request().originalSize();
        ScanSettings settings = context.settings();
        String detail = describe(size, settings);
        return switch (check(size, settings)) {
            case WITHIN -> ScanReport.of(ScanFinding.clean(null, null));
            case BLOCK -> ScanReport.of(ScanFinding.block(Reason.OVERSIZE, null, detail))
                    .skippingLaterAs("oversize block");
            case PASS_UNSCANNED -> ScanReport.of(ScanFinding.passUnscanned(Reason.OVERSIZE, detail))
                    .skippingLaterAs("oversize pass");
        };
    }

    @Override
    public Optional<ScanFinding> unread(List<Integer> unread, ScanContext context) {
        String detail = "parts " + unread + " not inline (over the gateway's inline limit): treated as oversize";
        return Optional.of(context.settings().oversizeAction() == OversizeAction.PASS_UNSCANNED
                ? ScanFinding.passUnscanned(Reason.OVERSIZE, detail)
                : ScanFinding.block(Reason.OVERSIZE, null, detail));
    }
}
