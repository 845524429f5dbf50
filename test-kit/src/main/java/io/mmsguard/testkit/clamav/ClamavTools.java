package io.mmsguard.testkit.clamav;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The rule every ClamAV oracle follows when its tool is missing. */
final class ClamavTools {
    private ClamavTools() {
    }

    /**
     * Returns when {@code tool} is installed; otherwise fails the calling test under
     * {@code MMSGUARD_REQUIRE_ORACLES=true} (CI) and skips it (a JUnit assumption) elsewhere.
     */
    static void require(Path tool, String debianPackage) {
        if (Files.isExecutable(tool)) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new AssertionError(tool + " (Debian " + debianPackage + ") is required (MMSGUARD_REQUIRE_ORACLES=true)"
                    + " but missing");
        }
        Assumptions.abort(tool + " (Debian " + debianPackage + ") is not installed");
    }
}
