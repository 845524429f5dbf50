package io.mmsguard.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing tool skips the test, or fails it when CI says every tool is there (MMSGUARD_REQUIRE_ORACLES=true). */
class OraclesTest {

    @Test
    void aMissingToolSkipsOrFailsAsTheEnvironmentSays() {
        Path missing = Path.of("/nonexistent/mmsguard-oracle");
        Class<? extends Throwable> expected = "true".equalsIgnoreCase(System.getenv(Oracles.REQUIRE))
                ? AssertionError.class : TestAbortedException.class;
        assertThatThrownBy(() -> Oracles.requireExecutable(missing, "some-package")).isInstanceOf(expected)
                .hasMessageContaining(missing + " (Debian some-package) is not installed");
    }

    @Test
    void anExecutableToolIsThere() {
        assertThatCode(() -> Oracles.requireExecutable(Path.of("/bin/sh"), "dash")).doesNotThrowAnyException();
    }
}
