package io.mmsguard.inspection.scan;

import java.util.Optional;

/**
 * Looks for malware in one part's bytes: the built-in signature engine, or clamd. Implementations are
 * thread-safe.
 */
public interface VirusScanner {

    /**
     * @return the name of the first signature that matched, or empty when the content is clean
     * @throws ScanFailedException when the scan could not be completed (clamd unreachable, timeout, size limit):
     *                             the caller applies the profile's fail-open or fail-closed rule
     */
    Optional<String> scan(byte[] content);
}
