package io.mmsguard.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that need a tool from outside the JVM (an oracle such as clamd or tshark, or Prometheus): the
 * test is skipped where the tool is missing, unless {@code MMSGUARD_REQUIRE_ORACLES=true} (CI, set by
 * {@code .ci/run}), where it fails, since CI installs every such tool and a skip there would hide a lost check.
 */
public final class Oracles {
    public static final String REQUIRE = "MMSGUARD_REQUIRE_ORACLES";

    private Oracles() {
    }

    /**
     * Returns when {@code executable} can be run; otherwise fails or skips the calling test, naming the Debian
     * package that provides it.
     */
    public static void requireExecutable(Path executable, String debianPackage) {
        if (Files.isExecutable(executable)) {
            return;
        }
        String missing = executable + " (Debian " + debianPackage + ") is not installed";
        if ("true".equalsIgnoreCase(System.getenv(REQUIRE))) {
            throw new AssertionError(missing + ", and " + REQUIRE + "=true requires it");
        }
        Assumptions.abort(missing);
    }
}
