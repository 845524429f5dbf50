package io.mmsguard.inspection.scan;

import java.util.Objects;

/**
 * What the service gives the scanners besides the profile: the configured virus scanner (built-in engine or clamd)
 * and the guard on every REGEX pattern. One per service, shared by every profile's scanners.
 */
public record ScanEnvironment(VirusScanner virusScanner, RegexLimits regexLimits) {

    public ScanEnvironment {
        Objects.requireNonNull(virusScanner, "virusScanner");
        Objects.requireNonNull(regexLimits, "regexLimits");
    }

    public ScanEnvironment(VirusScanner virusScanner) {
        this(virusScanner, RegexLimits.DEFAULT);
    }
}
